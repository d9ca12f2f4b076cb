package dev.fetchplan.bench;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPostsAndComments;
import dev.fetchplan.postgres.BlogSeed;
import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.postgres.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.NestedCollectionEmulation;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * fetchplan's MULTISET with jOOQ's JSON emulation against the same plan with JSONB (jOOQ's default on
 * PostgreSQL): users → posts → comments with authors, one statement either way. Self-contained (each fork
 * starts its own embedded PostgreSQL): {@code java -jar bench/target/benchmarks.jar MultisetEmulation}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class MultisetEmulationBenchmark {

    @Param({"20", "100"})
    int users;

    private PostgresServer server;
    private Connection connection;
    private BlogQueries json;
    private BlogQueries jsonb;
    private UserQuery query;

    @Setup(Level.Trial)
    public void start() throws SQLException {
        server = PostgresServer.start();
        server.createDatabase("emulation");
        Migrations.migrate(server.dataSource("emulation"), Migrations.BLOG_LOCATION);
        connection = server.dataSource("emulation").getConnection();
        DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
        BlogSeed.seed(dsl, 1_000);
        json = BlogQueries.using(DSL.using(dsl.configuration().derive(new Settings().withEmulateMultiset(NestedCollectionEmulation.JSON))));
        jsonb = BlogQueries.using(DSL.using(dsl.configuration().derive(new Settings().withEmulateMultiset(NestedCollectionEmulation.JSONB))));
        query = UserQuery.builder().pageSize(users).strategy(FetchStrategy.MULTISET).build();
        if (!json.fetchUsersWithPostsAndComments(query).equals(jsonb.fetchUsersWithPostsAndComments(query))) {
            throw new IllegalStateException("JSON and JSONB emulation returned different results");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        connection.close();
        server.close();
    }

    @Benchmark
    public List<UserWithPostsAndComments> json() {
        return json.fetchUsersWithPostsAndComments(query);
    }

    @Benchmark
    public List<UserWithPostsAndComments> jsonb() {
        return jsonb.fetchUsersWithPostsAndComments(query);
    }
}
