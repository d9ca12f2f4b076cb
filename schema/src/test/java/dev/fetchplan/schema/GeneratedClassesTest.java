package dev.fetchplan.schema;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.schema.jooq.Keys;
import dev.fetchplan.testing.TestDatabase;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The jOOQ classes generated from the migrations describe the tables, their keys and the paths between them. */
class GeneratedClassesTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void theThreeTablesAreGeneratedWithTheirColumnsAndNoFlywayHistory() {
        assertThat(USERS.fields()).extracting(field -> field.getName()).containsExactly("id", "name", "email", "created_at");
        assertThat(POSTS.fields()).extracting(field -> field.getName()).containsExactly("id", "user_id", "title", "body", "created_at");
        assertThat(COMMENTS.fields()).extracting(field -> field.getName())
                .containsExactly("id", "post_id", "author_id", "content", "created_at");
        assertThat(POSTS.CREATED_AT.getType()).isEqualTo(Instant.class);
        assertThat(USERS.getSchema().getTables()).extracting(table -> table.getName())
                .containsExactlyInAnyOrder("users", "posts", "comments");
    }

    @Test
    void theForeignKeysAreGenerated() {
        assertThat(POSTS.getReferencesTo(USERS)).containsExactly(Keys.POSTS__POSTS_USER_FK);
        assertThat(COMMENTS.getReferencesTo(POSTS)).containsExactly(Keys.COMMENTS__COMMENTS_POST_FK);
        assertThat(COMMENTS.getReferencesTo(USERS)).containsExactly(Keys.COMMENTS__COMMENTS_AUTHOR_FK);
        assertThat(Keys.POSTS__POSTS_USER_FK.getFields()).containsExactly(POSTS.USER_ID);
    }

    @Test
    void thePathsFromUsersToPostsAndFromCommentsToTheirAuthorsQueryTheDatabase() {
        DSLContext dsl = database.dsl();
        long ada = dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL).values("Ada", "ada@example.com").returning(USERS.ID).fetchSingle().getId();
        long post = dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(ada, "Notes").returning(POSTS.ID).fetchSingle().getId();
        dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT).values(post, ada, "First").execute();

        var postsOfUser = USERS.posts();
        assertThat(dsl.select(USERS.NAME, DSL.count(postsOfUser.ID)).from(USERS).leftJoin(postsOfUser).groupBy(USERS.NAME)
                .fetchSingle().value2())
                .isEqualTo(1);
        assertThat(dsl.select(COMMENTS.users().NAME, COMMENTS.posts().TITLE).from(COMMENTS).fetchSingle())
                .satisfies(row -> {
                    assertThat(row.value1()).isEqualTo("Ada");
                    assertThat(row.value2()).isEqualTo("Notes");
                });
    }
}
