package dev.fetchplan.blog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user has done: posts written, comments written (anywhere), comments received on their posts (from
 * anyone, themselves included), and when they last posted (empty if never).
 */
public record UserActivity(long userId, String name, long postsWritten, long commentsWritten, long commentsReceived,
                           Optional<Instant> latestPostAt) {
    public UserActivity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latestPostAt, "latestPostAt");
    }
}
