package dev.fetchplan.postgres;

import static org.jooq.impl.DSL.inline;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Fills the blog with a deterministic, realistic dataset in three set-based statements: names from a fixed
 * pool, a skewed number of posts per user (a cube of a hashed uniform value: many users with few or none, a
 * few prolific ones; about 10 on average), 0 to 10 comments per post (about 5) by authors drawn from the
 * seeded users. The same user count always gives the same data. Used by the example app, its demo and the
 * benchmarks, so they all measure the same rows.
 */
public final class BlogSeed {

    private BlogSeed() {
    }

    /** Seeds {@code users} users (and their posts and comments) in one transaction; returns how many users exist now. */
    public static int seed(DSLContext dsl, int users) {
        return dsl.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            long offset = tx.fetchSingle("SELECT coalesce(max(id), 0) FROM users").get(0, Long.class);
            tx.execute("""
                    INSERT INTO users (name, email, created_at)
                    SELECT first_names[1 + (g * 7) % array_length(first_names, 1)] || ' ' || last_names[1 + (g * 13) % array_length(last_names, 1)],
                           'user' || ({0} + g) || '@example.com',
                           timestamptz '2025-01-01 00:00:00+00' + g * interval '37 minutes'
                    FROM generate_series(1, {1}) g,
                         (SELECT array['Ada', 'Grace', 'Linus', 'Barbara', 'Edsger', 'Zoë', 'José', 'Małgorzata', 'Søren', 'Aiko',
                                       'Chidi', 'Priya', 'Mateo', 'Ingrid', 'Olumide', 'Yara', 'Tomás', 'Mei', 'Noor', 'Kwame'] AS first_names,
                                 array['Lovelace', 'Hopper', 'Torvalds', 'Liskov', 'Dijkstra', 'Müller', 'García', 'Kowalska', 'Østergaard',
                                       'Tanaka', 'Okafor', 'Sharma', 'Rossi', 'Lindqvist', 'Adeyemi', 'Haddad', 'Núñez', 'Chen', 'Khan', 'Mensah'] AS last_names) pools
                    ORDER BY g""", inline(offset), inline(users));
            tx.execute("""
                    INSERT INTO posts (user_id, title, body, created_at)
                    SELECT u.id,
                           'Post ' || p || ' by ' || u.name || ': notes on ' || (array['joins', 'indexes', 'N+1', 'latency', 'JSON', 'snapshots'])[1 + (u.id + p) % 6],
                           'Body of post ' || p || ' by user ' || u.id,
                           u.created_at + p * interval '7 hours'
                    FROM users u
                    CROSS JOIN LATERAL generate_series(1, floor(40 * power(((u.id * 2654435761) % 1000) / 1000.0, 3))::int) p
                    WHERE u.id > {0}
                    ORDER BY u.id, p""", inline(offset));
            tx.execute("""
                    WITH seeded AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE id > {0})
                    INSERT INTO comments (post_id, author_id, content, created_at)
                    SELECT p.id,
                           seeded.ids[1 + (p.id * 31 + c * 17) % array_length(seeded.ids, 1)],
                           'Comment ' || c || ' on post ' || p.id || (CASE WHEN c % 4 = 0 THEN ' — great read 👍' ELSE '' END),
                           p.created_at + c * interval '5 minutes'
                    FROM seeded, posts p
                    CROSS JOIN LATERAL generate_series(1, (p.id * 7919) % 11) c
                    WHERE p.user_id > {0}
                    ORDER BY p.id, c""", inline(offset));
            tx.execute("ANALYZE users, posts, comments");
            return tx.fetchCount(DSL.table(DSL.name("users")));
        });
    }
}
