package dev.fetchplan.bench.hibernate;

import dev.fetchplan.bench.Contender;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * A contender made of a session factory (whose settings choose lazy, batch or subselect loading) and a
 * {@link UserLoader}. Each call runs in a fresh read-only session and transaction, and maps the entities to
 * records before the session closes. Thread-safe; {@link #close()} closes the session factory.
 */
final class HibernateContender implements Contender {

    private final String name;
    private final SessionFactory sessionFactory;
    private final UserLoader loader;
    private final boolean countsPosts;

    /** {@code countsPosts}: whether this contender takes part in the counting scenario. */
    HibernateContender(String name, SessionFactory sessionFactory, UserLoader loader, boolean countsPosts) {
        this.name = name;
        this.sessionFactory = sessionFactory;
        this.loader = loader;
        this.countsPosts = countsPosts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<UserWithPosts> usersWithPosts(int users) {
        return read(users, session -> loader.withPosts(session, users).stream()
                .map(EntityMapper::userWithPosts)
                .toList());
    }

    @Override
    public List<UserWithPostsAndComments> usersWithPostsAndComments(int users) {
        return read(users, session -> loader.withPostsAndComments(session, users).stream()
                .map(EntityMapper::userWithPostsAndComments)
                .toList());
    }

    /** Loads each user's posts and counts them in memory, as code that only has the entities would. */
    @Override
    public Map<Long, Long> postCounts(int users) {
        if (!countsPosts) {
            return Contender.super.postCounts(users);
        }
        return read(users, session -> {
            Map<Long, Long> counts = new LinkedHashMap<>();
            for (UserEntity user : loader.withPosts(session, users)) {
                counts.put(user.getId(), (long) user.getPosts().size());
            }
            return counts;
        });
    }

    @Override
    public void close() {
        sessionFactory.close();
    }

    private <R> R read(int users, Function<Session, R> work) {
        if (users < 1) {
            throw new IllegalArgumentException("users is " + users + "; must be at least 1");
        }
        return sessionFactory.fromTransaction(session -> {
            session.setDefaultReadOnly(true);
            return work.apply(session);
        });
    }
}
