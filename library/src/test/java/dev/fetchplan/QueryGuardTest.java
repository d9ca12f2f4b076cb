package dev.fetchplan;

import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.blog.BlogCounts;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The N+1 guard catches a naive loop, lets every fetch plan and projection through, and scopes per unit of work. */
class QueryGuardTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @BeforeAll
    static void twentyUsersWithPosts() {
        database.dsl().execute("INSERT INTO users (name, email) SELECT 'user ' || g, 'user' || g || '@example.com' FROM generate_series(1, 20) g");
        database.dsl().execute("INSERT INTO posts (user_id, title) SELECT id, 'post ' || g || ' of ' || id FROM users, generate_series(1, 3) g");
        database.dsl().execute("INSERT INTO comments (post_id, author_id, content) SELECT id, user_id, 'nice' FROM posts");
    }

    /** What an ORM does behind {@code user.getPosts()}: one query for the users, one per user for the posts. */
    private static int naiveLoop(DSLContext dsl) {
        int posts = 0;
        for (long userId : dsl.select(USERS.ID).from(USERS).orderBy(USERS.ID).limit(20).fetch(USERS.ID)) {
            posts += dsl.selectFrom(POSTS).where(POSTS.USER_ID.eq(userId)).fetch().size();
        }
        return posts;
    }

    @Test
    void aGuardInstalledInAConfigurationBeingSetUpWatchesItOnceOnly() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        org.jooq.Configuration configuration = database.dsl().configuration().derive();
        DSLContext dsl = org.jooq.impl.DSL.using(guard.installInto(configuration));
        try (QueryScope request = guard.open("GET /users")) {
            assertThatThrownBy(() -> naiveLoop(dsl)).isInstanceOf(NPlusOneException.class);
            assertThat(request.statements()).isEqualTo(4);
        }
        assertThatThrownBy(() -> QueryGuard.of(QueryGuard.Mode.LOG).installInto(configuration))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has a QueryGuard");
        assertThatThrownBy(() -> guard.guard(dsl)).as("guarding a guarded DSLContext again")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAScopeTakesTheScopesLeftOpenInsideItOffTheThread() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        DSLContext dsl = guard.guard(database.dsl());
        assertThat(guard.watches(dsl)).isTrue();
        assertThat(guard.watches(database.dsl())).isFalse();
        assertThat(QueryGuard.of(QueryGuard.Mode.STRICT).watches(dsl)).isFalse();
        QueryScope request = guard.open("GET /users");
        QueryScope forgotten = guard.open("a block that was never closed");
        request.close();
        assertThat(guard.current()).as("a pooled thread's next request starts outside any scope").isEmpty();
        forgotten.close();
        assertThat(guard.current()).isEmpty();
        try (QueryScope next = guard.open("GET /posts")) {
            assertThat(guard.current()).containsSame(next);
        }
    }

    @Test
    void anInnerScopeJudgesNPlusOneOnItsOwnAndCountsInTheOuterOnceClosed() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        DSLContext dsl = guard.guard(database.dsl());
        try (QueryScope test = guard.open("a test")) {
            for (long id = 1; id <= 3; id++) {
                try (QueryScope request = guard.open("GET /users/" + id)) {
                    dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetch();
                    assertThat(test.statements()).as("not while the inner scope is open").isEqualTo(id - 1);
                }
            }
            assertThat(test.statements()).isEqualTo(3);
            assertThat(test.executionsByStatement().values()).containsExactly(3);
            assertThat(test.databaseTime()).isPositive();
            dsl.selectFrom(USERS).where(USERS.ID.eq(4L)).fetch();
            dsl.selectFrom(USERS).where(USERS.ID.eq(5L)).fetch();
            assertThatThrownBy(() -> dsl.selectFrom(USERS).where(USERS.ID.eq(6L)).fetch())
                    .isInstanceOfSatisfying(NPlusOneException.class, e -> assertThat(e.executions())
                            .as("the scope's own executions, not its closed requests'").isEqualTo(3));
        }
    }

    @Test
    void aScopeClosedOnAnotherThreadNoLongerCountsTheStatementsOfItsThread() throws Exception {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        DSLContext dsl = guard.guard(database.dsl());
        QueryScope request = guard.open("GET /users");
        Thread closer = Thread.ofVirtual().start(request::close);
        closer.join();
        assertThat(guard.current()).isEmpty();
        for (long id = 1; id <= 3; id++) {
            dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetch();
        }
        assertThat(request.statements()).isZero();
    }

    @Test
    void strictModeStopsANaiveLoopOverTwentyUsersAtTheThirdRepetitionAndSaysWhatToDo() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        DSLContext dsl = guard.guard(database.dsl());

        try (QueryScope request = guard.open("GET /users")) {
            assertThatThrownBy(() -> naiveLoop(dsl))
                    .isInstanceOfSatisfying(NPlusOneException.class, e -> {
                        assertThat(e.executions()).isEqualTo(3);
                        assertThat(e.sql()).contains("from \"posts\"").contains("\"user_id\" = ?");
                    })
                    .hasMessageContaining("N+1 query detected in GET /users")
                    .hasMessageContaining("3. time")
                    .hasMessageContaining("fetch plan");
            assertThat(request.statements()).as("users, then posts twice, then the refused third").isEqualTo(4);
        }
    }

    @Test
    void logModeWarnsOncePerStatementShapePerScopeWithTheCount() {
        List<String> warnings = new ArrayList<>();
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.LOG).reportingTo(warnings::add);
        DSLContext dsl = guard.guard(database.dsl());

        try (QueryScope request = guard.open("GET /users")) {
            assertThat(naiveLoop(dsl)).isEqualTo(60);
            assertThat(warnings).as("nothing before the scope ends").isEmpty();
        }

        assertThat(warnings).singleElement().asString()
                .contains("N+1 query suspected in GET /users")
                .contains("ran 20 times with 20 different bind values")
                .contains("from \"posts\"");
    }

    @Test
    void logModeWritesItsWarningThroughSlf4j() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            QueryGuard guard = QueryGuard.of(QueryGuard.Mode.LOG);
            try (QueryScope ignored = guard.open("batch job")) {
                naiveLoop(guard.guard(database.dsl()));
            }
        } finally {
            System.setErr(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("WARN").contains("N+1 query suspected in batch job");
    }

    @Test
    void offModeOnlyCounts() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.OFF);

        assertThat(guard.countStatements(() -> naiveLoop(guard.guard(database.dsl())))).isEqualTo(21);
    }

    @Test
    void everyFetchPlanAndProjectionPassesStrictModeInOneScope() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        DSLContext dsl = guard.guard(database.dsl());
        BlogQueries blog = BlogQueries.using(dsl);
        BlogCounts counts = BlogCounts.using(dsl);

        try (QueryScope request = guard.open("every API call once")) {
            for (FetchStrategy strategy : FetchStrategy.values()) {
                UserQuery query = UserQuery.builder().strategy(strategy).build();
                assertThat(blog.fetchUsersWithPosts(query)).hasSize(20);
                assertThat(blog.fetchUsersWithPostsAndComments(query)).hasSize(20);
                assertThat(blog.fetchUsersWithPostSummaries(query)).hasSize(20);
                assertThat(blog.fetchUsersWithPostsAndComments(UserQuery.builder().strategy(strategy).postsPerUser(1).commentsPerPost(1).build()))
                        .hasSize(20);
            }
            assertThat(counts.postCountsByUser(10)).hasSize(10);
            assertThat(counts.topPosters(10)).hasSize(10);
            assertThat(counts.commentCountsByPost(List.of(1L, 2L, 3L))).hasSize(3);
            assertThat(counts.userActivity(0, 20)).hasSize(20);
            assertThat(request.statements())
                    .as("MULTISET 4 × 1, BATCHED 2 + 3 + 2 + 3, STACKED 4 × 1, AUTO as BATCHED, projections 4 × 1").isEqualTo(32);
        }
    }

    @Test
    void theSameStatementInTwoScopesIsNotFlaggedButThreeTimesInOneScopeIs() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        BlogQueries blog = BlogQueries.using(guard.guard(database.dsl()));
        UserQuery first = UserQuery.builder().pageSize(5).strategy(FetchStrategy.MULTISET).build();
        UserQuery second = UserQuery.builder().pageSize(5).after(5).strategy(FetchStrategy.MULTISET).build();
        UserQuery third = UserQuery.builder().pageSize(5).after(10).strategy(FetchStrategy.MULTISET).build();

        for (String request : List.of("request 1", "request 2", "request 3")) {
            try (QueryScope ignored = guard.open(request)) {
                blog.fetchUsersWithPosts(first);
                blog.fetchUsersWithPosts(second);
            }
        }
        try (QueryScope ignored = guard.open("request 4")) {
            blog.fetchUsersWithPosts(first);
            blog.fetchUsersWithPosts(second);
            assertThatThrownBy(() -> blog.fetchUsersWithPosts(third)).isInstanceOf(NPlusOneException.class);
        }
    }

    @Test
    void statementsOutsideAScopeAndRepeatsWithTheSameBindValuesAreNotFlagged() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        DSLContext dsl = guard.guard(database.dsl());

        assertThat(naiveLoop(dsl)).isEqualTo(60);
        try (QueryScope ignored = guard.open("polling")) {
            for (int i = 0; i < 5; i++) {
                dsl.fetchCount(POSTS, POSTS.USER_ID.eq(1L));
            }
        }
    }

    @Test
    void aScopeMeasuresStatementsAndDatabaseTime() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        BlogQueries blog = BlogQueries.using(guard.guard(database.dsl()));

        try (QueryScope scope = guard.open("timed")) {
            blog.fetchUsersWithPostsAndComments(UserQuery.builder().build());
            assertThat(scope.statements()).isEqualTo(3);
            assertThat(scope.databaseTime()).isPositive();
            assertThat(scope.executionsByStatement()).hasSize(3).containsValues(1, 1, 1);
        }
        assertThat(guard.current()).isEmpty();
    }

    @Test
    void theAssertionHelperPassesOnTheRightCountAndFailsReadablyOnAnother() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.OFF);
        DSLContext dsl = guard.guard(database.dsl());
        BlogQueries blog = BlogQueries.using(dsl);

        guard.assertStatements(3, () -> blog.fetchUsersWithPostsAndComments(UserQuery.builder().build()));
        guard.assertStatements(1, () -> blog.fetchUsersWithPostsAndComments(UserQuery.builder().strategy(FetchStrategy.MULTISET).build()));

        assertThatThrownBy(() -> guard.assertStatements(1, () -> naiveLoop(dsl)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected 1 statement(s) but the block ran 21:")
                .hasMessageContaining("\n  1× select \"users\".\"id\" from \"users\"")
                .hasMessageContaining("\n  20× select \"posts\".\"id\"");
    }

    @Test
    void aFetchOverItsPlansBudgetFailsInStrictModeAndIsLoggedInLogMode() {
        DSLContext strict = QueryGuard.of(QueryGuard.Mode.STRICT).guard(database.dsl());
        DSLContext unguarded = database.dsl();
        List<String> warnings = new ArrayList<>();
        DSLContext logging = QueryGuard.of(QueryGuard.Mode.LOG).reportingTo(warnings::add).guard(database.dsl());
        DSLContext off = QueryGuard.of(QueryGuard.Mode.OFF).guard(database.dsl());

        for (DSLContext refusing : List.of(strict, unguarded)) {
            DSLContext budgeted = StatementBudget.apply(refusing, 1);
            budgeted.fetchCount(USERS);
            assertThatThrownBy(() -> budgeted.fetchCount(POSTS))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("declared at most 1 statement(s) but was about to run statement 2");
        }
        DSLContext logged = StatementBudget.apply(logging, 1);
        logged.fetchCount(USERS);
        logged.fetchCount(POSTS);
        logged.fetchCount(POSTS);
        assertThat(warnings).singleElement().asString().contains("declared at most 1 statement(s)");
        DSLContext ignored = StatementBudget.apply(off, 1);
        ignored.fetchCount(USERS);
        assertThat(ignored.fetchCount(POSTS)).isEqualTo(60);
    }

    @Test
    void badGuardSettingsAreRejected() {
        assertThatThrownBy(() -> QueryGuard.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode is null; allowed: [STRICT, LOG, OFF]");
        assertThatThrownBy(() -> QueryGuard.of(QueryGuard.Mode.STRICT, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold is 1; allowed: 2 or more");
    }
}
