package dev.fetchplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fetchplan.postgres.BlogSeed;
import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every contender returns exactly fetchplan's result on the seeded blog, so a change in the library or a
 * contender that breaks the comparison fails the build instead of the next benchmark run. The 1,000-user
 * scenario is left to the benchmark itself (the N+1 contenders take seconds there).
 */
class ContendersAgreeTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    static final List<String> FETCHING = Contenders.FETCHING;
    static final List<String> COUNTING = Contenders.COUNTING;

    private static HikariDataSource pool;

    @BeforeAll
    static void seed() {
        BlogSeed.seed(database.dsl(), 200);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.server().user());
        config.setPassword(database.server().password());
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("FETCHING")
    void everyFetchingContenderReturnsFetchplansResult(String name) {
        for (Scenario scenario : Scenario.FETCHING.subList(0, 3)) {
            try (Contender contender = Contenders.create(name, pool)) {
                Agreement.check(scenario, contender, pool);
                assertThat(scenario.run(contender)).as("%s on %s", name, scenario.name()).asList().isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("COUNTING")
    void everyCountingContenderReturnsTheProjectionsCounts(String name) {
        try (Contender contender = Contenders.create(name, pool)) {
            Agreement.check(Scenario.COUNTING, contender, pool);
        }
    }
}
