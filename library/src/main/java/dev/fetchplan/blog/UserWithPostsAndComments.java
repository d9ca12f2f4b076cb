package dev.fetchplan.blog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A user with their posts, newest first, each with its comments (unmodifiable). */
public record UserWithPostsAndComments(long id, String name, String email, Instant createdAt, List<PostWithComments> posts) {
    public UserWithPostsAndComments {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
        posts = List.copyOf(posts);
    }
}
