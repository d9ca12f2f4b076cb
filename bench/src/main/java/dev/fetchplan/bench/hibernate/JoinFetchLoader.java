package dev.fetchplan.bench.hibernate;

import java.util.List;
import org.hibernate.Session;

/**
 * Loads the users with everything the result needs by JOIN FETCH, in two statements: the first page of user
 * ids (a limit on a collection fetch would page in memory, so the page is chosen first), then those users
 * with posts, comments and comment authors in one joined query.
 *
 * <p>Posts and comments are {@code Set}s ({@link UserEntity}, {@link PostEntity}): Hibernate refuses to
 * join-fetch two {@code List} bags at once ({@code MultipleBagFetchException}), and sets are the standard way
 * to fetch a nested chain in one query. Because posts → comments is a chain, not two sibling collections,
 * the join has one row per comment (or per post without comments, or user without posts): no Cartesian
 * product. The query's {@code ORDER BY} gives the required order, and the sets keep it, being
 * insertion-ordered. (Hibernate appends the {@code @OrderBy} keys after it; they are redundant there, while
 * relying on them alone would leave the order of the users to where Hibernate puts them.)
 */
final class JoinFetchLoader implements UserLoader {

    static final JoinFetchLoader INSTANCE = new JoinFetchLoader();

    private static final String USERS_WITH_POSTS = """
            from UserEntity u
            left join fetch u.posts p
            where u.id in :ids
            order by u.id, p.createdAt desc, p.id desc""";

    private static final String USERS_WITH_POSTS_AND_COMMENTS = """
            from UserEntity u
            left join fetch u.posts p
            left join fetch p.comments c
            left join fetch c.author
            where u.id in :ids
            order by u.id, p.createdAt desc, p.id desc, c.createdAt, c.id""";

    private JoinFetchLoader() {
    }

    @Override
    public List<UserEntity> withPosts(Session session, int users) {
        return fetch(session, users, USERS_WITH_POSTS);
    }

    @Override
    public List<UserEntity> withPostsAndComments(Session session, int users) {
        return fetch(session, users, USERS_WITH_POSTS_AND_COMMENTS);
    }

    private static List<UserEntity> fetch(Session session, int users, String query) {
        List<Long> ids = session.createSelectionQuery("select u.id from UserEntity u order by u.id", Long.class)
                .setMaxResults(users)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery(query, UserEntity.class)
                .setParameterList("ids", ids)
                .getResultList();
    }
}
