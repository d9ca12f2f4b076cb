package dev.fetchplan.blog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A user with their posts, newest first, each with its comment count (unmodifiable). */
public record UserWithPostSummaries(long id, String name, String email, Instant createdAt, List<PostSummary> posts) {
    public UserWithPostSummaries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "createdAt");
        posts = List.copyOf(posts);
    }
}
