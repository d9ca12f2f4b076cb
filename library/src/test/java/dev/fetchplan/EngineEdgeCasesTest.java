package dev.fetchplan;

import static dev.fetchplan.Notes.NOTES;
import static dev.fetchplan.Notes.NOTE_ID;
import static dev.fetchplan.Notes.NOTE_REVIEWER_ID;
import static dev.fetchplan.Notes.NOTE_TEXT;
import static dev.fetchplan.Notes.NOTE_USER_ID;
import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.internal.fetch.OpenTransaction;
import dev.fetchplan.internal.fetch.Snapshot;
import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.schema.jooq.Keys;
import dev.fetchplan.testing.TestDatabase;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Shapes and failures beyond the blog API: each either returns equal results in every strategy or fails cleanly. */
class EngineEdgeCasesTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Migrations.BLOG_LOCATION, "classpath:db/library-test");


    private static final ToOne<String> AUTHOR_NAME = ToOne.via(Keys.COMMENTS__COMMENTS_AUTHOR_FK).select(USERS.NAME).map(row -> row.get(USERS.NAME));

    record Named<T>(Object key, T value) {
    }

    @BeforeAll
    static void seed() {
        DSLContext dsl = database.dsl();
        dsl.execute("INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com'), ('Bob', 'bob@example.com'), ('Cy', 'cy@example.com')");
        dsl.execute("INSERT INTO posts (user_id, title) SELECT id, 'post ' || g || ' by ' || name FROM users, generate_series(1, 2) g WHERE name <> 'Cy'");
        dsl.execute("INSERT INTO comments (post_id, author_id, content) SELECT p.id, a.id, a.name || ' on ' || p.title FROM posts p CROSS JOIN users a");
        dsl.execute("""
                INSERT INTO notes (user_id, reviewer_id, text)
                SELECT u.id, NULL, 'unreviewed' FROM users u WHERE u.name = 'Ada'
                UNION ALL SELECT u.id, r.id, 'reviewed' FROM users u, users r WHERE u.name = 'Ada' AND r.name = 'Bob'
                UNION ALL SELECT u.id, NULL, 'also unreviewed' FROM users u WHERE u.name = 'Bob'""");
    }

    private static <T> List<T> everyStrategy(FetchPlan<T> plan) {
        List<T> multiset = plan.fetch(database.dsl(), FetchStrategy.MULTISET);
        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(plan.fetch(database.dsl(), strategy)).as(strategy.name()).isEqualTo(multiset);
        }
        return multiset;
    }

    @Test
    void aParentKeyThatIsNullForEveryParentGivesEmptyChildren() {
        ToMany<String> reviewers = ToMany.of(USERS, USERS.ID, NOTE_REVIEWER_ID).select(USERS.NAME).map(row -> row.get(USERS.NAME));
        FetchPlan<Named<List<String>>> plan = FetchPlan.from(NOTES).key(NOTE_ID).select(NOTE_TEXT).orderBy(NOTE_ID.asc())
                .where(NOTE_REVIEWER_ID.isNull()).include(reviewers).map(row -> new Named<>(row.get(NOTE_TEXT), row.get(reviewers)));

        assertThat(everyStrategy(plan)).containsExactly(new Named<>("unreviewed", List.of()), new Named<>("also unreviewed", List.of()));
    }

    @Test
    void anIntegerLinkToABigintKeyMatches() {
        Field<Integer> userIdAsInt = DSL.field(DSL.name("posts", "user_id"), SQLDataType.INTEGER);
        ToMany<String> posts = ToMany.of(POSTS, userIdAsInt, USERS.ID).select(POSTS.TITLE).orderBy(POSTS.ID.asc()).map(row -> row.get(POSTS.TITLE));
        FetchPlan<List<String>> plan = FetchPlan.from(USERS).select(USERS.ID).orderBy(USERS.ID.asc()).include(posts).map(row -> row.get(posts));

        assertThat(everyStrategy(plan)).containsExactly(List.of("post 1 by Ada", "post 2 by Ada"), List.of("post 1 by Bob", "post 2 by Bob"), List.of());
    }

    @Test
    void textAndUuidKeysAreBoundAsTypedArrays() {
        ToMany<String> sameName = ToMany.of(USERS, USERS.NAME, USERS.NAME).select(USERS.EMAIL).map(row -> row.get(USERS.EMAIL));
        FetchPlan<List<String>> byName = FetchPlan.from(USERS).select(USERS.ID).orderBy(USERS.ID.asc()).include(sameName).map(row -> row.get(sameName));
        Field<UUID> token = DSL.field(DSL.name("typed_values", "token"), SQLDataType.UUID);
        Field<Long> typedId = DSL.field(DSL.name("typed_values", "id"), SQLDataType.BIGINT);
        ToMany<Long> sameToken = ToMany.of(DSL.table(DSL.name("typed_values")), token, token).key(typedId).select(typedId).map(row -> row.get(typedId));
        database.dsl().execute("INSERT INTO typed_values (user_id, token) SELECT id, '123e4567-e89b-12d3-a456-426614174000'::uuid FROM users");
        FetchPlan<List<Long>> byToken = FetchPlan.from(DSL.table(DSL.name("typed_values"))).key(typedId).select(typedId).orderBy(typedId.asc())
                .include(sameToken).map(row -> row.get(sameToken));
        try {
            List<String> statements = database.statementsDuring(() -> assertThat(everyStrategy(byName))
                    .containsExactly(List.of("ada@example.com"), List.of("bob@example.com"), List.of("cy@example.com")));
            assertThat(statements).anySatisfy(sql -> assertThat(sql).contains("unnest(cast(? as text[])) with ordinality"));
            List<Long> ids = database.dsl().select(typedId).from(DSL.table(DSL.name("typed_values"))).orderBy(typedId).fetch(typedId);
            assertThat(everyStrategy(byToken)).hasSize(3).containsOnly(ids);
        } finally {
            database.dsl().execute("DELETE FROM typed_values");
        }
    }

    @Test
    void aToOneOnTheRootAndTwoRelationsOnOneLevel() {
        ToMany<String> written = ToMany.via(Keys.COMMENTS__COMMENTS_AUTHOR_FK).select(COMMENTS.CONTENT).orderBy(COMMENTS.ID.asc())
                .limitPerParent(1).map(row -> row.get(COMMENTS.CONTENT));
        ToMany<String> posts = ToMany.via(Keys.POSTS__POSTS_USER_FK).select(POSTS.TITLE).orderBy(POSTS.ID.desc()).map(row -> row.get(POSTS.TITLE));
        FetchPlan<List<Object>> users = FetchPlan.from(USERS).select(USERS.NAME).orderBy(USERS.ID.asc()).include(posts, written)
                .map(row -> List.of(row.get(USERS.NAME), row.get(posts), row.get(written)));
        FetchPlan<Named<String>> comments = FetchPlan.from(COMMENTS).select(COMMENTS.CONTENT).orderBy(COMMENTS.ID.asc()).limit(2)
                .join(AUTHOR_NAME).map(row -> new Named<>(row.get(COMMENTS.CONTENT), row.get(AUTHOR_NAME)));

        List<String> firstWrittenByEach = database.dsl().select(DSL.field("(array_agg(content ORDER BY id))[1]", String.class))
                .from(COMMENTS).groupBy(COMMENTS.AUTHOR_ID).orderBy(COMMENTS.AUTHOR_ID).fetch(0, String.class);
        assertThat(everyStrategy(users)).containsExactly(
                List.of("Ada", List.of("post 2 by Ada", "post 1 by Ada"), List.of(firstWrittenByEach.get(0))),
                List.of("Bob", List.of("post 2 by Bob", "post 1 by Bob"), List.of(firstWrittenByEach.get(1))),
                List.of("Cy", List.of(), List.of(firstWrittenByEach.get(2))));
        assertThat(users.statements(FetchStrategy.BATCHED)).isEqualTo(3);
        List<Named<String>> firstTwo = database.dsl().select(COMMENTS.CONTENT, USERS.NAME).from(COMMENTS).join(USERS).on(USERS.ID.eq(COMMENTS.AUTHOR_ID))
                .orderBy(COMMENTS.ID).limit(2).fetch(row -> new Named<>(row.value1(), row.value2()));
        assertThat(everyStrategy(comments)).isEqualTo(firstTwo).hasSize(2);
    }

    @Test
    void parentsSharingAKeyValueEachGetTheirChildren() {
        ToMany<String> onTheSamePost = ToMany.of(COMMENTS, COMMENTS.POST_ID, COMMENTS.POST_ID).select(COMMENTS.CONTENT).orderBy(COMMENTS.ID.asc())
                .join(AUTHOR_NAME).map(row -> row.get(AUTHOR_NAME));
        FetchPlan<Named<List<String>>> plan = FetchPlan.from(COMMENTS).select(COMMENTS.CONTENT).orderBy(COMMENTS.ID.asc()).limit(3)
                .include(onTheSamePost).map(row -> new Named<>(row.get(COMMENTS.CONTENT), row.get(onTheSamePost)));

        assertThat(everyStrategy(plan)).extracting(Named::value).containsOnly(List.of("Ada", "Bob", "Cy")).hasSize(3);
    }

    @Test
    void aTopNLevelWithAnOptionalToOneKeepsRowsWithoutTheTarget() {
        ToOne<String> reviewer = ToOne.of(USERS, NOTE_REVIEWER_ID, USERS.ID).select(USERS.NAME).map(row -> row.get(USERS.NAME));
        ToMany<Named<String>> notes = ToMany.of(NOTES, NOTE_USER_ID, USERS.ID).key(NOTE_ID).select(NOTE_TEXT).orderBy(NOTE_ID.desc())
                .limitPerParent(1).join(reviewer).map(row -> new Named<>(row.get(NOTE_TEXT), row.get(reviewer)));
        FetchPlan<List<Named<String>>> plan = FetchPlan.from(USERS).select(USERS.ID).orderBy(USERS.ID.asc()).include(notes).map(row -> row.get(notes));

        assertThat(everyStrategy(plan)).containsExactly(List.of(new Named<>("reviewed", "Bob")), List.of(new Named<>("also unreviewed", null)), List.of());
    }

    @Test
    void theListsAMapperReceivesAreUnmodifiableInBothStrategies() {
        ToMany<String> posts = ToMany.via(Keys.POSTS__POSTS_USER_FK).select(POSTS.TITLE).map(row -> row.get(POSTS.TITLE));
        FetchPlan<List<String>> plan = FetchPlan.from(USERS).select(USERS.ID).orderBy(USERS.ID.asc()).include(posts).map(row -> row.get(posts));

        for (FetchStrategy strategy : FetchStrategy.values()) {
            List<List<String>> result = plan.fetch(database.dsl(), strategy);
            assertThatThrownBy(() -> result.add(List.of())).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> result.get(0).add("x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> result.get(2).add("x")).as("an empty child list too").isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void aFailingMapperLeavesTheConnectionOutsideAnyTransaction() throws Exception {
        ToMany<String> posts = ToMany.via(Keys.POSTS__POSTS_USER_FK).select(POSTS.TITLE).map(row -> {
            throw EngineEdgeCasesTest.<RuntimeException>sneaky(new IOException("mapper failed"));
        });
        FetchPlan<List<String>> plan = FetchPlan.from(USERS).select(USERS.ID).include(posts).map(row -> row.get(posts));

        assertLeavesTheConnectionUsable(plan, "mapper failed", List.of());
    }

    @Test
    void aLevelThatFailsOnTheServerRollsBackTheSnapshot() throws Exception {
        Table<?> failingPosts = DSL.table(DSL.name("failing_posts"));
        Field<Long> failingId = DSL.field(DSL.name("failing_posts", "id"), SQLDataType.BIGINT);
        Field<Integer> boom = DSL.field(DSL.name("failing_posts", "boom"), SQLDataType.INTEGER);
        ToMany<String> comments = ToMany.of(COMMENTS, COMMENTS.POST_ID, failingId).select(COMMENTS.CONTENT).map(row -> row.get(COMMENTS.CONTENT));
        ToMany<Integer> failing = ToMany.of(failingPosts, DSL.field(DSL.name("failing_posts", "user_id"), SQLDataType.BIGINT), USERS.ID)
                .key(failingId).select(boom).include(comments).map(row -> row.get(boom));
        FetchPlan<List<Integer>> plan = FetchPlan.from(USERS).select(USERS.ID).include(failing).map(row -> row.get(failing));

        assertLeavesTheConnectionUsable(plan, "ERROR: division by zero", List.of("ROLLBACK"));
    }

    @Test
    void whenTheLastLevelHasNoParentsTheSnapshotIsCommittedOnItsOwn() throws Exception {
        ToMany<String> comments = ToMany.via(Keys.COMMENTS__COMMENTS_POST_FK).select(COMMENTS.CONTENT).map(row -> row.get(COMMENTS.CONTENT));
        ToMany<List<String>> posts = ToMany.via(Keys.POSTS__POSTS_USER_FK).select(POSTS.TITLE).include(comments).map(row -> row.get(comments));
        FetchPlan<List<List<String>>> plan = FetchPlan.from(USERS).select(USERS.ID).where(USERS.NAME.eq("Cy")).include(posts)
                .map(row -> row.get(posts));
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);

            List<String> statements = database.statementsDuring(() -> assertThat(plan.fetch(dsl, FetchStrategy.BATCHED)).containsExactly(List.of()));

            assertThat(statements).hasSize(3).endsWith("COMMIT");
            assertThat(statements.get(0)).startsWith(Snapshot.START + "; ");
            assertThat(OpenTransaction.on(connection)).contains(false);
        }
    }

    private static void assertLeavesTheConnectionUsable(FetchPlan<?> plan, String failure, List<String> transactionControl) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);

            List<String> statements = database.statementsDuring(() ->
                    assertThatThrownBy(() -> plan.fetch(dsl, FetchStrategy.BATCHED)).hasRootCauseMessage(failure));

            assertThat(statements.get(0)).startsWith(Snapshot.START + "; ");
            assertThat(Statements.transactionControl(statements)).isEqualTo(transactionControl);
            assertThat(OpenTransaction.on(connection)).contains(false);
            assertThat(connection.getAutoCommit()).isTrue();
            dsl.execute("INSERT INTO users (name, email) VALUES ('After', 'after@example.com')");
        }
        assertThat(database.dsl().fetchCount(USERS, USERS.NAME.eq("After"))).as("written outside any read-only transaction").isOne();
        database.dsl().deleteFrom(USERS).where(USERS.NAME.eq("After")).execute();
    }

    @Test
    void aTransactionBegunWithSqlOnAnAutocommitConnectionIsTheCallersAndIsNotCommitted() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            dsl.execute("BEGIN");
            dsl.execute("INSERT INTO users (name, email) VALUES ('Uncommitted', 'uncommitted@example.com')");

            List<String> statements = database.statementsDuring(() -> assertThat(BlogQueries.using(dsl)
                    .fetchUsersWithPosts(UserQuery.builder().build())).extracting(UserWithPosts::name).contains("Uncommitted"));
            dsl.execute("ROLLBACK");

            assertThat(statements).doesNotContain("COMMIT", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        }
        assertThat(database.dsl().fetchCount(USERS, USERS.NAME.eq("Uncommitted"))).as("the caller's rollback still worked").isZero();
    }

    @Test
    void withADriverThatCannotTellItsTransactionStateTheSnapshotAsksTheServer() throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext dsl = DSL.using(hidingTheDriver(connection), SQLDialect.POSTGRES);
            BlogQueries blog = BlogQueries.using(dsl);

            List<String> own = database.statementsDuring(() -> blog.fetchUsersWithPosts(UserQuery.builder().build()));
            dsl.execute("BEGIN");
            dsl.execute("INSERT INTO users (name, email) VALUES ('Opaque', 'opaque@example.com')");
            List<String> callers = database.statementsDuring(() ->
                    assertThat(blog.fetchUsersWithPosts(UserQuery.builder().build())).extracting(UserWithPosts::name).contains("Opaque"));
            dsl.execute("ROLLBACK");

            assertThat(Statements.transactionControl(own))
                    .containsExactly("START TRANSACTION", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", "COMMIT");
            assertThat(Statements.transactionControl(callers)).containsExactly("START TRANSACTION");
        }
        assertThat(database.dsl().fetchCount(USERS, USERS.NAME.eq("Opaque"))).as("the caller's rollback still worked").isZero();
    }

    /** A connection that does not reveal it is pgjdbc, like any other JDBC driver's. */
    private static Connection hidingTheDriver(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("isWrapperFor")) {
                return false;
            }
            if (method.getName().equals("unwrap")) {
                throw new SQLException("not a wrapper");
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void expressionsAndOtherTablesColumnsAreRejectedWhenDeclared() {
        assertThatThrownBy(() -> FetchPlan.from(USERS).select(DSL.lower(USERS.NAME)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: a column of users");
        assertThatThrownBy(() -> FetchPlan.from(USERS).orderBy(DSL.lower(USERS.NAME).asc()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowed: a column of users");
        assertThatThrownBy(() -> ToMany.of(NOTES, NOTE_USER_ID, USERS.ID).select(DSL.field(DSL.name("users", "id"), SQLDataType.BIGINT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("columns is users.id; allowed: a column of notes");
        assertThatThrownBy(() -> ToOne.of(POSTS, NOTE_USER_ID, POSTS.USER_ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("targetKey is [posts.user_id]; allowed: the columns of a primary or unique key of posts");
        ToMany<Long> posts = ToMany.via(Keys.POSTS__POSTS_USER_FK).select(POSTS.ID).map(row -> row.get(POSTS.ID));
        assertThatThrownBy(() -> FetchPlan.from(USERS).include(posts, posts))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the same ToMany twice");
        assertThatThrownBy(() -> FetchPlan.from(USERS).select(USERS.ID).map(row -> 1).statements(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategy is null");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable checked) throws E {
        throw (E) checked;
    }
}
