package dev.fetchplan.blog;

import java.time.Instant;
import java.util.Objects;

/** A post as listed under its author: no comments in this shape. */
public record Post(long id, String title, Instant createdAt) {
    public Post {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
