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

/** Post counts for 100 users: counted by the database in one statement, or loaded and counted in Java. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PostCountsBenchmark {

    @Param({"fetchplan-projection", "fetchplan-load-and-count", "hibernate-lazy", "hibernate-join-fetch"})
    public String contender;

    @Param({"100-counts"})
    public String scenario;

    @Param({"0", "1"})
    public int latencyMs;

    private BenchDatabase database;
    private Contender running;

    @Setup(Level.Trial)
    public void setUp() {
        database = BenchDatabase.connect(latencyMs);
        running = Contenders.create(contender, database.dataSource);
        Agreement.checkUnlessDone(Scenario.COUNTING, running, database.dataSource);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        running.close();
        database.close();
    }

    @Benchmark
    public Object count() {
        return Scenario.COUNTING.run(running);
    }
}
