package dev.fetchplan.bench;

import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import java.util.List;
import java.util.Map;

/**
 * One way to load users → posts → comments, as a user of another library would write it. Every contender
 * returns exactly what fetchplan returns for the same request (the first {@code users} users by id; posts
 * newest first, {@code created_at DESC, id DESC}; all comments oldest first, {@code created_at, id}, each with
 * its author), so the benchmark compares equal work. Contenders get their connections from the benchmark's
 * pool, so the same latency proxy and statement counter see every contender.
 */
public interface Contender extends AutoCloseable {

    /** Short, stable name used in JMH parameters and in the report, e.g. {@code hibernate-lazy}. */
    String name();

    List<UserWithPosts> usersWithPosts(int users);

    List<UserWithPostsAndComments> usersWithPostsAndComments(int users);

    /**
     * For the counting scenario: the first {@code users} users by id, each with its number of posts, ordered
     * by user id. Contenders that do not take part throw {@link UnsupportedOperationException}.
     */
    default Map<Long, Long> postCounts(int users) {
        throw new UnsupportedOperationException(name() + " does not take part in the counting scenario");
    }

    @Override
    default void close() {
    }
}
