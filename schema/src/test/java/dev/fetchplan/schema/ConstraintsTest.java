package dev.fetchplan.schema;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.testing.TestDatabase;
import java.sql.SQLException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The database itself rejects data a real product must never hold, whatever the application does. */
class ConstraintsTest {

    private static final String NOT_NULL = "23502";
    private static final String FOREIGN_KEY = "23503";
    private static final String UNIQUE = "23505";
    private static final String CHECK = "23514";

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private DSLContext dsl;

    @BeforeEach
    void clean() {
        dsl = database.dsl();
        dsl.truncate(USERS).cascade().execute();
    }

    @Test
    void aPostOfAUserThatDoesNotExistIsRejected() {
        assertRejected(FOREIGN_KEY, () -> dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(404L, "Orphan").execute());
    }

    @Test
    void aCommentOnAPostOrByAnAuthorThatDoesNotExistIsRejected() {
        long user = user("ada@example.com");
        long post = post(user);

        assertRejected(FOREIGN_KEY, () -> dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT)
                .values(404L, user, "Orphan").execute());
        assertRejected(FOREIGN_KEY, () -> dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT)
                .values(post, 404L, "Ghost writer").execute());
    }

    @Test
    void aDuplicateEmailIsRejectedRegardlessOfCase() {
        user("ada@example.com");

        assertRejected(UNIQUE, () -> user("ada@example.com"));
        assertRejected(UNIQUE, () -> user("ADA@Example.com"));
    }

    @Test
    void emptyOrBlankNamesTitlesAndContentsAreRejected() {
        long user = user("ada@example.com");
        long post = post(user);

        assertRejected(CHECK, () -> dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("", "empty@example.com").execute());
        assertRejected(CHECK, () -> dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("   ", "blank@example.com").execute());
        assertRejected(CHECK, () -> dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(user, "").execute());
        assertRejected(CHECK, () -> dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT)
                .values(post, user, " ").execute());
    }

    @Test
    void malformedOrOverlongValuesAreRejected() {
        long user = user("ada@example.com");

        assertRejected(CHECK, () -> dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("Bob", "not-an-email").execute());
        assertRejected(CHECK, () -> dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("x".repeat(201), "long@example.com").execute());
        assertRejected(CHECK, () -> dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(user, "t".repeat(301)).execute());
    }

    @Test
    void missingRequiredColumnsAreRejected() {
        long user = user("ada@example.com");
        long post = post(user);

        assertRejected(NOT_NULL, () -> dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values(null, "nameless@example.com").execute());
        assertRejected(NOT_NULL, () -> dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("Mailless", null).execute());
        assertRejected(NOT_NULL, () -> dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(null, "No author").execute());
        assertRejected(NOT_NULL, () -> dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(user, null).execute());
        assertRejected(NOT_NULL, () -> dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT)
                .values(post, user, null).execute());
        assertRejected(NOT_NULL, () -> dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT)
                .values(null, user, "Where?").execute());
    }

    @Test
    void createdAtDefaultsToNowAndBodyToEmpty() {
        long user = user("ada@example.com");
        long post = post(user);

        var row = dsl.selectFrom(POSTS).where(POSTS.ID.eq(post)).fetchSingle();
        assertThat(row.getCreatedAt()).isNotNull();
        assertThat(row.getBody()).isEmpty();
    }

    @Test
    void deletingAUserErasesTheirPostsTheCommentsOnThemAndTheirCommentsElsewhere() {
        long ada = user("ada@example.com");
        long bob = user("bob@example.com");
        long adasPost = post(ada);
        long bobsPost = post(bob);
        comment(adasPost, bob);
        comment(bobsPost, ada);
        comment(bobsPost, bob);

        dsl.deleteFrom(USERS).where(USERS.ID.eq(ada)).execute();

        assertThat(dsl.fetchCount(POSTS)).isEqualTo(1);
        assertThat(dsl.fetchValues(COMMENTS.AUTHOR_ID)).containsExactly(bob);
        assertThat(dsl.fetchValues(COMMENTS.POST_ID)).containsExactly(bobsPost);
    }

    private long user(String email) {
        return dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("User", email).returning(USERS.ID).fetchSingle().getId();
    }

    private long post(long user) {
        return dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(user, "Title").returning(POSTS.ID).fetchSingle().getId();
    }

    private void comment(long post, long author) {
        dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT).values(post, author, "Hi").execute();
    }

    private static void assertRejected(String sqlState, ThrowingCallable statement) {
        assertThatThrownBy(statement)
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getCause(SQLException.class).getSQLState())
                        .as("SQLSTATE").isEqualTo(sqlState));
    }
}
