package dev.fetchplan.bench.hibernate;

import java.util.List;
import org.hibernate.Session;

/**
 * How a contender loads the first users by id before {@link EntityMapper} walks them. Whatever a loader
 * leaves unloaded, the mapper loads lazily in the same open session, so the loader and the session factory's
 * settings together make the strategy.
 */
sealed interface UserLoader permits LazyLoader, JoinFetchLoader {

    /** The first {@code users} users by id, ascending, ready for their posts to be read. */
    List<UserEntity> withPosts(Session session, int users);

    /** The first {@code users} users by id, ascending, ready for their posts, comments and authors to be read. */
    List<UserEntity> withPostsAndComments(Session session, int users);
}
