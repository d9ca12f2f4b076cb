package dev.fetchplan.bench;

import java.util.concurrent.TimeUnit;
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
 * Users → posts (→ comments with authors) by every contender, at 0 and 1 ms added per round trip. Before
 * timing, the contender's result is checked equal to fetchplan's: a contender that returns something else is
 * a bug in the benchmark, not a result. Forks, warm-up and iterations are set by {@link BenchMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FetchBenchmark {

    @Param({"naive-jooq", "hibernate-lazy", "hibernate-join-fetch", "hibernate-batch", "hibernate-subselect", "jooq-multiset",
            "fetchplan-multiset", "fetchplan-batched", "fetchplan-stacked", "plain-jdbc", "plain-jdbc-stacked"})
    public String contender;

    @Param({"20-posts", "20-comments", "100-comments", "1000-comments", "10000-comments"})
    public String scenario;

    @Param({"0", "1"})
    public int latencyMs;

    private BenchDatabase database;
    private Contender running;
    private Scenario chosen;

    @Setup(Level.Trial)
    public void setUp() {
        database = BenchDatabase.connect(latencyMs);
        chosen = Scenario.named(scenario);
        running = Contenders.create(contender, database.dataSource);
        Agreement.checkUnlessDone(chosen, running, database.dataSource);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        running.close();
        database.close();
    }

    @Benchmark
    public Object fetch() {
        return chosen.run(running);
    }
}
