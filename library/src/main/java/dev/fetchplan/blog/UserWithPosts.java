package dev.fetchplan.blog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A user with their posts, newest first (unmodifiable). */
public record UserWithPosts(long id, String name, String email, Instant createdAt, List<Post> posts) {
    public UserWithPosts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
        posts = List.copyOf(posts);
    }
}
