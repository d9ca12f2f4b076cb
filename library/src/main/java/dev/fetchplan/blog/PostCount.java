package dev.fetchplan.blog;

import java.util.Objects;

/** How many posts a user has written. */
public record PostCount(long userId, String name, long postCount) {
    public PostCount {
        Objects.requireNonNull(name, "name");
    }
}
