package dev.fetchplan.blog;

import java.time.Instant;
import java.util.Objects;

/** A comment on a post, with its author. */
public record Comment(long id, String content, Instant createdAt, Author author) {
    public Comment {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(author, "author");
    }
}
