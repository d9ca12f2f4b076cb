package dev.fetchplan.blog;

import java.util.Objects;

/** The user who wrote a comment, as a small to-one value. */
public record Author(long id, String name) {
    public Author {
        Objects.requireNonNull(name, "name");
    }
}
