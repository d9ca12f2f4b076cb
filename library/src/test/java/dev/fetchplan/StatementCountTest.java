package dev.fetchplan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPostsAndComments;
import dev.fetchplan.internal.fetch.OpenTransaction;
import dev.fetchplan.internal.fetch.Snapshot;
import dev.fetchplan.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The statement count is a property of the plan: for 0, 1, 20, 1,000 and 100,000 users, MULTISET runs one
 * statement (so does STACKED) and BATCHED one per level, and the SQL does not grow with the number of users (keys travel as
 * one array parameter). Counted at the JDBC level, below jOOQ.
 */
class StatementCountTest {

    private static final int USERS = 100_000;

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private static BlogQueries blog;

    @BeforeAll
    static void seedOnePostWithOneCommentPerUser() {
        database.dsl().execute("INSERT INTO users (name, email) SELECT 'user ' || g, 'user' || g || '@example.com' FROM generate_series(1, " + USERS + ") g");
        database.dsl().execute("INSERT INTO posts (user_id, title) SELECT id, 'post of ' || id FROM users");
        database.dsl().execute("INSERT INTO comments (post_id, author_id, content) SELECT id, user_id, 'comment on ' || id FROM posts");
        database.dsl().execute("ANALYZE");
        blog = BlogQueries.using(database.dsl());
    }

    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {0, 1, 20, 1_000, 100_000})
    void singleStatementStrategiesRunExactlyOneStatementForAnyNumberOfUsers(int users) {
        for (FetchStrategy strategy : List.of(FetchStrategy.MULTISET, FetchStrategy.STACKED)) {
            UserQuery query = page(users, strategy);
            AtomicReference<List<UserWithPostsAndComments>> result = new AtomicReference<>();

            List<String> statements = database.statementsDuring(() -> result.set(blog.fetchUsersWithPostsAndComments(query)));

            assertThat(result.get()).as(strategy.name()).hasSize(users);
            assertThat(statements).as(strategy.name()).hasSize(1);
            assertThat(Statements.placeholders(statements.get(0))).as(strategy.name()).isLessThanOrEqualTo(2);
            assertEveryUserHasItsPostAndComment(result.get());
        }
    }

    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {1, 20, 1_000, 100_000})
    void batchedRunsOneStatementPerLevelForAnyNumberOfUsers(int users) {
        UserQuery query = page(users, FetchStrategy.BATCHED);
        AtomicReference<List<UserWithPostsAndComments>> result = new AtomicReference<>();

        List<String> statements = database.statementsDuring(() -> result.set(blog.fetchUsersWithPostsAndComments(query)));

        assertThat(result.get()).hasSize(users);
        assertThat(statements).as("one round trip per level, the snapshot included").hasSize(3).allSatisfy(sql -> {
            assertThat(Statements.placeholders(sql)).isLessThanOrEqualTo(2);
            assertThat(sql).doesNotContainIgnoringCase(" in (");
        });
        assertThat(statements.subList(1, 3)).allSatisfy(sql -> assertThat(sql).contains("= any (cast(? as bigint[]))"));
        assertThat(statements.get(0)).as("the snapshot starts with the first level").startsWith(Snapshot.START + "; select");
        assertThat(statements.get(2)).as("and ends with the last").endsWith("; COMMIT");
        assertEveryUserHasItsPostAndComment(result.get());
    }

    /**
     * Round trips on one reused connection, as from a pool: pgjdbc prepares a statement on the server from its
     * 5th execution, and only then would an untyped parameter make it describe the statement and hold the
     * COMMIT back for a round trip of its own.
     */
    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {1, 20, 1_000})
    void batchedCostsOneRoundTripPerLevelSnapshotIncludedAndSingleStatementsOne(int users) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            BlogQueries pinned = BlogQueries.using(DSL.using(connection, SQLDialect.POSTGRES));
            UserQuery.Builder topN = UserQuery.builder().maxPageSize(USERS).pageSize(users).postsPerUser(1).commentsPerPost(1);
            List<Runnable> fetches = List.of(
                    () -> pinned.fetchUsersWithPostsAndComments(page(users, FetchStrategy.BATCHED)),
                    () -> pinned.fetchUsersWithPosts(page(users, FetchStrategy.BATCHED)),
                    () -> pinned.fetchUsersWithPostsAndComments(topN.strategy(FetchStrategy.BATCHED).build()),
                    () -> pinned.fetchUsersWithPostsAndComments(page(users, FetchStrategy.MULTISET)),
                    () -> pinned.fetchUsersWithPostsAndComments(page(users, FetchStrategy.STACKED)),
                    () -> pinned.fetchUsersWithPostsAndComments(topN.strategy(FetchStrategy.STACKED).build()));
            for (int warmUp = 0; warmUp < 6; warmUp++) {
                fetches.forEach(Runnable::run);
            }

            assertThat(fetches.stream().map(RoundTrips::during)).containsExactly(3, 2, 3, 1, 1, 1);
        }
    }

    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {1, 1_000, 100_000})
    void batchedTopNPerParentIsStillOneStatementPerLevel(int users) {
        UserQuery query = UserQuery.builder().maxPageSize(USERS).pageSize(users).postsPerUser(1).commentsPerPost(1)
                .strategy(FetchStrategy.BATCHED).build();

        List<String> statements = database.statementsDuring(() -> blog.fetchUsersWithPostsAndComments(query));

        assertThat(Statements.queries(statements)).hasSize(3);
        assertThat(Statements.queries(statements).subList(1, 3)).allSatisfy(sql -> {
            assertThat(sql).contains("unnest(cast(? as bigint[]))").contains("cross join lateral");
            assertThat(Statements.placeholders(sql)).isEqualTo(2);
        });
    }

    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {1, 100_000})
    void usersWithPostsRunOneStatementOrOnePerLevel(int users) {
        assertThat(database.statementsDuring(() -> blog.fetchUsersWithPosts(page(users, FetchStrategy.MULTISET)))).hasSize(1);
        assertThat(database.statementsDuring(() -> blog.fetchUsersWithPosts(page(users, FetchStrategy.STACKED)))).hasSize(1);
        assertThat(Statements.queries(database.statementsDuring(() -> blog.fetchUsersWithPosts(page(users, FetchStrategy.BATCHED)))))
                .hasSize(2);
    }

    @Test
    void batchedSkipsTheLevelsBelowAnEmptyPageSinceThereIsNothingToAsk() {
        UserQuery afterTheLastUser = UserQuery.builder().after(Long.MAX_VALUE - 1).strategy(FetchStrategy.BATCHED).build();

        List<String> statements = database.statementsDuring(() -> assertThat(blog.fetchUsersWithPostsAndComments(afterTheLastUser)).isEmpty());

        assertThat(Statements.queries(statements)).hasSize(1);
    }

    @Test
    void anEmptyIdListMatchesNobodyWithoutAStatement() {
        for (FetchStrategy strategy : FetchStrategy.values()) {
            UserQuery nobody = UserQuery.builder().userIds(List.of()).strategy(strategy).build();

            assertThat(database.statementsDuring(() -> assertThat(blog.fetchUsersWithPostsAndComments(nobody)).isEmpty())).isEmpty();
        }
    }

    @Test
    void aLongIdListIsOneArrayParameter() {
        List<Long> ids = LongStream.rangeClosed(1, 50_000).boxed().toList();
        UserQuery query = UserQuery.builder().userIds(ids).maxPageSize(USERS).pageSize(50_000).strategy(FetchStrategy.MULTISET).build();

        List<String> statements = database.statementsDuring(() -> assertThat(blog.fetchUsersWithPostsAndComments(query)).hasSize(50_000));

        assertThat(statements).singleElement().satisfies(sql -> assertThat(Statements.placeholders(sql)).isEqualTo(3));
    }

    private static UserQuery page(int users, FetchStrategy strategy) {
        UserQuery.Builder builder = UserQuery.builder().maxPageSize(USERS).strategy(strategy);
        return users == 0 ? builder.after(USERS).build() : builder.pageSize(users).build();
    }

    private static void assertEveryUserHasItsPostAndComment(List<UserWithPostsAndComments> users) {
        assertThat(users).allSatisfy(user -> assertThat(user.posts()).singleElement().satisfies(post -> {
            assertThat(post.title()).isEqualTo("post of " + user.id());
            assertThat(post.comments()).singleElement().satisfies(comment -> assertThat(comment.author().id()).isEqualTo(user.id()));
        }));
    }
}
