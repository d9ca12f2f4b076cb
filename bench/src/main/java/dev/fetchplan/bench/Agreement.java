package dev.fetchplan.bench;

import java.util.Objects;
import javax.sql.DataSource;

/** The check every contender passes before it is timed: its result equals fetchplan's for the same scenario. */
final class Agreement {

    /** Set by {@link BenchMain} for its forks once it has checked every contender and scenario itself. */
    static final String ALREADY_CHECKED = "fetchplan.bench.checked";

    private Agreement() {
    }

    /** {@link #check}, unless BenchMain has already checked (latency cannot change a result). */
    static void checkUnlessDone(Scenario scenario, Contender contender, DataSource dataSource) {
        if (!Boolean.getBoolean(ALREADY_CHECKED)) {
            check(scenario, contender, dataSource);
        }
    }

    static void check(Scenario scenario, Contender contender, DataSource dataSource) {
        String reference = scenario == Scenario.COUNTING ? "fetchplan-projection" : "fetchplan-batched";
        try (Contender fetchplan = Contenders.create(reference, dataSource)) {
            Object expected = scenario.run(fetchplan);
            Object actual = scenario.run(contender);
            if (!Objects.equals(expected, actual)) {
                throw new IllegalStateException(contender.name() + " returned a different result than " + reference + " for "
                        + scenario.name() + ": a bug in the benchmark, not a result");
            }
        }
    }
}
