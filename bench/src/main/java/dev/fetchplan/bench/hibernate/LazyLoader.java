package dev.fetchplan.bench.hibernate;

import java.util.List;
import org.hibernate.Session;

/**
 * Loads only the users, in one statement, and leaves every association to lazy loading: one statement per
 * collection and per author with default settings, fewer with batch or subselect fetching configured on the
 * session factory.
 */
enum LazyLoader implements UserLoader {

    /** Pages with {@code setMaxResults}, as code written for plain lazy or batch loading does. */
    LIMIT("from UserEntity u order by u.id") {
        @Override
        List<UserEntity> firstUsers(Session session, int users) {
            return session.createSelectionQuery(query, UserEntity.class).setMaxResults(users).getResultList();
        }
    },

    /**
     * Pages in a subquery. Subselect fetching loads a collection for every owner by re-running the owners'
     * query as a subquery, but drops its limit: after {@link #LIMIT} it would load the posts (and then the
     * comments) of every user in the table. A limit inside the query's own restriction is kept.
     */
    SUBQUERY("from UserEntity u where u.id in (select f.id from UserEntity f order by f.id limit :users) order by u.id") {
        @Override
        List<UserEntity> firstUsers(Session session, int users) {
            return session.createSelectionQuery(query, UserEntity.class).setParameter("users", users).getResultList();
        }
    };

    final String query;

    LazyLoader(String query) {
        this.query = query;
    }

    abstract List<UserEntity> firstUsers(Session session, int users);

    @Override
    public List<UserEntity> withPosts(Session session, int users) {
        return firstUsers(session, users);
    }

    @Override
    public List<UserEntity> withPostsAndComments(Session session, int users) {
        return firstUsers(session, users);
    }
}
