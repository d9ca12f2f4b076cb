package dev.fetchplan.bench;

import dev.fetchplan.BlogQueries;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.UserQuery;
import dev.fetchplan.UserWithPostsAndComments;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * PostgreSQL): users → posts → comments with authors, one statement either way.
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

    private BlogDatabase database;
    private BlogQueries json;
    private BlogQueries jsonb;
    private UserQuery query;

    @Setup(Level.Trial)
    public void start() throws SQLException {
        database = BlogDatabase.start(1_000);
        json = BlogQueries.using(DSL.using(database.dsl.configuration().derive(new Settings().withEmulateMultiset(NestedCollectionEmulation.JSON))));
        jsonb = BlogQueries.using(DSL.using(database.dsl.configuration().derive(new Settings().withEmulateMultiset(NestedCollectionEmulation.JSONB))));
        query = UserQuery.builder().pageSize(users).strategy(FetchStrategy.MULTISET).build();
        if (!json.fetchUsersWithPostsAndComments(query).equals(jsonb.fetchUsersWithPostsAndComments(query))) {
            throw new IllegalStateException("JSON and JSONB emulation returned different results");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        database.close();
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
