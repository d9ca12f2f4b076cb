package dev.fetchplan.blog;

import java.time.Instant;
import java.util.Objects;

/** A post with the number of its comments, counted by the database; no comment is loaded. */
public record PostSummary(long id, String title, Instant createdAt, long commentCount) {
    public PostSummary {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
