package dev.fetchplan.bench;

import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * An embedded PostgreSQL with the blog schema and a deterministic dataset: every user has 1 to 19 posts
 * (about 10), every post 0 to 9 comments (about 5) by other users. One connection, held for the benchmark.
 */
final class BlogDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final Connection connection;
    final DSLContext dsl;

    private BlogDatabase(PostgresServer server, Connection connection) {
        this.server = server;
        this.connection = connection;
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES);
    }

    static BlogDatabase start(int users) throws SQLException {
        PostgresServer server = PostgresServer.start();
        server.createDatabase("bench");
        Migrations.migrate(server.dataSource("bench"), Migrations.CLASSPATH_LOCATION);
        BlogDatabase database = new BlogDatabase(server, server.dataSource("bench").getConnection());
        database.dsl.execute("INSERT INTO users (name, email) SELECT 'user ' || g, 'user' || g || '@example.com' FROM generate_series(1, " + users + ") g");
        database.dsl.execute("""
                INSERT INTO posts (user_id, title, created_at)
                SELECT u.id, 'post ' || p || ' of user ' || u.id, timestamptz '2026-01-01' + (p * interval '1 hour')
                FROM users u CROSS JOIN LATERAL generate_series(1, 1 + (u.id * 7) % 19) p""");
        database.dsl.execute("""
                INSERT INTO comments (post_id, author_id, content, created_at)
                SELECT p.id, 1 + (p.id * 31 + c) % (SELECT count(*) FROM users), 'comment ' || c || ' on post ' || p.id || ' — with ünïcode ✓',
                       p.created_at + (c * interval '1 minute')
                FROM posts p CROSS JOIN LATERAL generate_series(1, (p.id * 3) % 10) c""");
        database.dsl.execute("VACUUM ANALYZE");
        return database;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
        server.close();
    }
}
