package dev.fetchplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Counts what the server executed (pg_stat_statements), so the count cannot be fooled by the client: no
 * hidden per-row statements, no driver-side type lookups, no statements jOOQ ran that a listener missed.
 */
class ServerStatementCountTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @BeforeAll
    static void seedAndEnableStatistics() {
        DSLContext dsl = database.dsl();
        assumeTrue(dsl.fetchValue("SELECT current_setting('shared_preload_libraries')").toString().contains("pg_stat_statements"),
                "pg_stat_statements is not preloaded on this server");
        dsl.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        BlogData.seedRandom(dsl, 7, 300);
    }

    @ParameterizedTest
    @EnumSource(value = FetchStrategy.class, names = {"MULTISET", "STACKED"})
    void singleStatementStrategiesAreOneStatementAtTheServer(FetchStrategy strategy) {
        List<Record2<String, Long>> executed = executedDuring(blog -> assertThat(blog.fetchUsersWithPostsAndComments(
                UserQuery.builder().pageSize(100).strategy(strategy).build())).hasSize(100));

        assertThat(executed).as("no transaction control either").hasSize(1);
        assertThat(executed.get(0).value2()).isEqualTo(1L);
    }

    @Test
    void batchedIsOneStatementPerLevelPlusTransactionControlAtTheServer() {
        List<Record2<String, Long>> executed = executedDuring(blog -> assertThat(blog.fetchUsersWithPostsAndComments(
                UserQuery.builder().pageSize(100).postsPerUser(3).strategy(FetchStrategy.BATCHED).build())).hasSize(100));

        List<Record2<String, Long>> selects = executed.stream().filter(row -> row.value1().startsWith("select")).toList();
        assertThat(selects).hasSize(3).allSatisfy(row -> assertThat(row.value2()).isEqualTo(1L));
        assertThat(executed.stream().filter(row -> !row.value1().startsWith("select")).map(Record2::value1))
                .containsExactlyInAnyOrder("START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", "COMMIT");
    }

    /**
     * The statements (normalized text, calls) this database executed while {@code action} ran. One connection
     * throughout, opened before the statistics are reset, so that connection setup is not counted.
     */
    private static List<Record2<String, Long>> executedDuring(Consumer<BlogQueries> action) {
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            dsl.execute("SELECT pg_stat_statements_reset()");
            action.accept(BlogQueries.using(dsl));
            return dsl.resultQuery("""
                    SELECT query, calls FROM pg_stat_statements
                    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND query NOT LIKE '%pg_stat_statements%'
                    ORDER BY query""").coerce(DSL.field("query", String.class), DSL.field("calls", Long.class)).fetch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
