package dev.fetchplan.bench;

import dev.fetchplan.FetchStrategy;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultVisitListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a compiled plan saves on the client: one user and their posts (the smallest fetch, so the client's share
 * is largest), with the plan's SQL compiled once ({@code compiled}) or rendered by jOOQ on every fetch
 * ({@code rendered}). A configuration with a VisitListener is never cached by the engine, so the second runs the
 * same engine with an empty listener attached — which also measures that listener's own small overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClientCostBenchmark {

    @Param({"MULTISET", "BATCHED", "STACKED"})
    public String strategy;

    @Param({"compiled", "rendered"})
    public String sql;

    private BenchDatabase database;
    private FetchplanContender running;

    @Setup(Level.Trial)
    public void setUp() {
        database = BenchDatabase.connect(0);
        DSLContext dsl = DSL.using(database.dataSource, SQLDialect.POSTGRES);
        if (sql.equals("rendered")) {
            dsl = DSL.using(dsl.configuration().derive(new DefaultVisitListener()));
        }
        running = new FetchplanContender("fetchplan-" + strategy.toLowerCase(Locale.ROOT), dsl,
                FetchStrategy.valueOf(strategy), false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        running.close();
        database.close();
    }

    @Benchmark
    public Object fetch() {
        return running.usersWithPosts(1);
    }
}
