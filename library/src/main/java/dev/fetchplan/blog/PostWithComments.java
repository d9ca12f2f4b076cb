package dev.fetchplan.blog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A post with its comments, oldest first (unmodifiable). */
public record PostWithComments(long id, String title, Instant createdAt, List<Comment> comments) {
    public PostWithComments {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        comments = List.copyOf(comments);
    }
}
