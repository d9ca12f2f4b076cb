package dev.fetchplan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs small test classes through the JUnit engine and checks what the fixture did to them. The nested
 * classes are not run by Surefire on their own (it skips nested classes).
 */
class TestDatabaseTest {

    private static final String MIGRATIONS = "classpath:db/fixture-test";

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(MIGRATIONS);

    @Test
    void eachTestClassGetsAMigratedDatabaseOfItsOwn() {
        assertThat(database.dsl().fetchValue("SELECT current_database()")).isEqualTo(database.name());
        assertThat(database.dsl().fetchSingle("SELECT count(*) FROM flyway_schema_history WHERE success").get(0, Long.class))
                .as("the clone carries the template's migrations").isPositive();
    }

    @Test
    void theServerRunsTheMajorVersionTheBuildSelected() {
        String selected = System.getProperty("fetchplan.postgres.version");
        assertThat(selected).as("the build passes fetchplan.postgres.version to the tests").isNotNull();

        assertThat(database.server().majorVersion()).isEqualTo(Integer.parseInt(selected));
    }

    @Test
    void aRowInsertedByOneTestClassIsInvisibleToTheNext() {
        Events events = run(InsertsAUser.class, SeesNoUsers.class);

        events.assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
    }

    @Test
    void aTestThatLeavesAConnectionOpenFailsNamingTheLeak() {
        Events events = run(LeaksAConnection.class);

        events.assertThatEvents().haveExactly(1, event(test("leaks"),
                finishedWithFailure(instanceOf(AssertionError.class), message(text -> text.contains("left 1 connection(s) open")))));
        events.succeeded().assertThatEvents().haveExactly(1, event(test("closesWhatItOpens")));
    }

    @Test
    void theDatabaseIsDroppedAfterTheClass() {
        run(InsertsAUser.class);

        assertThat(database.dsl().fetchSingle(
                "SELECT count(*) FROM pg_database WHERE datname = {0}", DSL.val(InsertsAUser.databaseName)).get(0, Long.class))
                .isZero();
    }

    private static Events run(Class<?>... classes) {
        var request = EngineTestKit.engine("junit-jupiter");
        for (Class<?> type : classes) {
            request = request.selectors(selectClass(type));
        }
        return request.execute().testEvents();
    }

    static class InsertsAUser {
        @RegisterExtension
        static final TestDatabase database = TestDatabase.migratedWith(MIGRATIONS);
        static volatile String databaseName;

        @Test
        void insertsAUser() {
            databaseName = database.name();
            database.dsl().execute("INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com')");
            assertThat(database.dsl().fetchCount(DSL.table("users"))).isEqualTo(1);
        }
    }

    static class SeesNoUsers {
        @RegisterExtension
        static final TestDatabase database = TestDatabase.migratedWith(MIGRATIONS);

        @Test
        void seesNoUsers() {
            assertThat(database.dsl().fetchCount(DSL.table("users"))).isZero();
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LeaksAConnection {
        @RegisterExtension
        static final TestDatabase database = TestDatabase.migratedWith(MIGRATIONS);

        @Test
        @Order(1)
        void leaks() throws SQLException {
            Connection leaked = database.dataSource().getConnection();
            assertThat(leaked.isValid(1)).isTrue();
        }

        @Test
        @Order(2)
        void closesWhatItOpens() throws SQLException {
            assertThat(database.openConnections()).as("the leak of the previous test was cleaned up").isZero();
            try (Connection connection = database.dataSource().getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }
}
