package dev.fetchplan;

import static dev.fetchplan.Notes.NOTES;
import static dev.fetchplan.Notes.NOTE_ID;
import static dev.fetchplan.Notes.NOTE_RATING;
import static dev.fetchplan.Notes.NOTE_REVIEWED_AT;
import static dev.fetchplan.Notes.NOTE_REVIEWER_ID;
import static dev.fetchplan.Notes.NOTE_TEXT;
import static dev.fetchplan.Notes.NOTE_USER_ID;
import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.blog.Author;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPostsAndComments;
import dev.fetchplan.postgres.Migrations;
import dev.fetchplan.schema.jooq.Keys;
import dev.fetchplan.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The generic engine: new relations in a few lines, plain (non-generated) tables, NULLs, and misuse errors. */
class FetchPlanEngineTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migratedWith(Migrations.BLOG_LOCATION, "classpath:db/library-test");


    record Note(long id, String text, Integer rating, Instant reviewedAt, Author reviewer) {
    }

    record UserWithNotes(long id, List<Note> notes) {
    }

    record UserWithComments(String name, List<String> commentsWritten) {
    }

    @BeforeAll
    static void seed() {
        DSLContext dsl = database.dsl();
        dsl.execute("INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com'), ('Bob', 'bob@example.com'), ('Cy', 'cy@example.com')");
        dsl.execute("INSERT INTO posts (user_id, title) SELECT id, 'post by ' || name FROM users WHERE name <> 'Cy'");
        dsl.execute("""
                INSERT INTO comments (post_id, author_id, content, created_at)
                SELECT p.id, a.id, a.name || ' on ' || p.title, timestamptz '2026-01-01' + (a.id * interval '1 minute')
                FROM posts p CROSS JOIN users a""");
        dsl.execute("""
                INSERT INTO notes (user_id, reviewer_id, text, rating, reviewed_at)
                SELECT u.id, NULL, NULL, NULL, NULL FROM users u WHERE u.name = 'Ada'
                UNION ALL
                SELECT u.id, r.id, 'reviewed "fine"', 5, timestamptz '2026-02-03 04:05:06.789012+00' FROM users u, users r
                WHERE u.name = 'Ada' AND r.name = 'Bob'""");
    }

    @Test
    void aNewRelationTakesAFewLinesUsersWithTheCommentsTheyWrote() {
        ToMany<String> written = ToMany.via(Keys.COMMENTS__COMMENTS_AUTHOR_FK)
                .select(COMMENTS.CONTENT)
                .orderBy(COMMENTS.CREATED_AT.asc())
                .map(row -> row.get(COMMENTS.CONTENT));
        FetchPlan<UserWithComments> plan = FetchPlan.from(USERS)
                .select(USERS.NAME)
                .orderBy(USERS.ID.asc())
                .include(written)
                .map(row -> new UserWithComments(row.get(USERS.NAME), row.get(written)));

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThat(plan.fetch(database.dsl(), strategy)).containsExactly(
                    new UserWithComments("Ada", List.of("Ada on post by Ada", "Ada on post by Bob")),
                    new UserWithComments("Bob", List.of("Bob on post by Ada", "Bob on post by Bob")),
                    new UserWithComments("Cy", List.of("Cy on post by Ada", "Cy on post by Bob")));
        }
        assertThat(plan.statements(FetchStrategy.MULTISET)).isEqualTo(1);
        assertThat(plan.statements(FetchStrategy.BATCHED)).isEqualTo(2);
    }

    @Test
    void plainTablesNullColumnsAndAMissingToOneRoundTripIdenticallyInBothStrategies() {
        ToOne<Author> reviewer = ToOne.of(USERS, NOTE_REVIEWER_ID, USERS.ID)
                .select(USERS.ID, USERS.NAME)
                .map(row -> new Author(row.get(USERS.ID), row.get(USERS.NAME)));
        ToMany<Note> notes = ToMany.of(NOTES, NOTE_USER_ID, USERS.ID)
                .key(NOTE_ID)
                .select(NOTE_ID, NOTE_TEXT, NOTE_RATING, NOTE_REVIEWED_AT)
                .join(reviewer)
                .map(row -> new Note(row.get(NOTE_ID), row.get(NOTE_TEXT), row.get(NOTE_RATING), row.get(NOTE_REVIEWED_AT), row.get(reviewer)));
        FetchPlan<UserWithNotes> plan = FetchPlan.from(USERS)
                .select(USERS.ID)
                .where(USERS.NAME.eq("Ada"))
                .include(notes)
                .map(row -> new UserWithNotes(row.get(USERS.ID), row.get(notes)));

        List<UserWithNotes> multiset = plan.fetch(database.dsl(), FetchStrategy.MULTISET);

        assertThat(multiset).isEqualTo(plan.fetch(database.dsl(), FetchStrategy.BATCHED));
        assertThat(multiset).singleElement().satisfies(ada -> assertThat(ada.notes()).satisfiesExactly(
                empty -> assertThat(empty).extracting(Note::text, Note::rating, Note::reviewedAt, Note::reviewer)
                        .containsExactly(null, null, null, null),
                reviewed -> {
                    assertThat(reviewed.text()).isEqualTo("reviewed \"fine\"");
                    assertThat(reviewed.rating()).isEqualTo(5);
                    assertThat(reviewed.reviewedAt()).isEqualTo(Instant.parse("2026-02-03T04:05:06.789012Z"));
                    assertThat(reviewed.reviewer().name()).isEqualTo("Bob");
                }));
    }

    @Test
    void resultsAreUnmodifiable() {
        List<UserWithPostsAndComments> users = BlogQueries.using(database.dsl())
                .fetchUsersWithPostsAndComments(UserQuery.builder().strategy(FetchStrategy.MULTISET).build());

        assertThatThrownBy(() -> users.add(users.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> users.get(0).posts().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> users.get(0).posts().get(0).comments().remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMapperReadingAColumnItDidNotSelectIsToldWhatIsSelected() {
        FetchPlan<String> plan = FetchPlan.from(USERS).select(USERS.ID).map(row -> row.get(USERS.NAME));

        for (FetchStrategy strategy : FetchStrategy.values()) {
            assertThatThrownBy(() -> plan.fetch(database.dsl(), strategy))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("column users.name is not selected at the users level; selected: users.id");
        }
    }

    @Test
    void aMapperReadingARelationItDidNotIncludeIsToldWhereToIncludeIt() {
        ToMany<Long> posts = ToMany.via(Keys.POSTS__POSTS_USER_FK).select(POSTS.ID).map(row -> row.get(POSTS.ID));
        FetchPlan<List<Long>> plan = FetchPlan.from(USERS).select(USERS.ID).map(row -> row.get(posts));

        assertThatThrownBy(() -> plan.fetch(database.dsl(), FetchStrategy.BATCHED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relation is not included at the users level");
    }

    @Test
    void declarationsAreCheckedWhenTheyAreMade() {
        assertThatThrownBy(() -> FetchPlan.from(USERS).select(POSTS.TITLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("columns is posts.title; allowed: a column of users");
        assertThatThrownBy(() -> FetchPlan.from(USERS).select())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns is empty");
        assertThatThrownBy(() -> FetchPlan.from(USERS).select(USERS.ID, USERS.ID))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("columns names users.id twice");
        assertThatThrownBy(() -> FetchPlan.from(USERS).orderBy(POSTS.ID.asc()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("order is posts.id; allowed: a column of users");
        assertThatThrownBy(() -> FetchPlan.from(USERS).limit(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit is 0; allowed: 1 or more");
        assertThatThrownBy(() -> ToMany.via(Keys.POSTS__POSTS_USER_FK).limitPerParent(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limitPerParent is 0; allowed: 1 or more");
        assertThatThrownBy(() -> ToMany.of(NOTES, NOTE_USER_ID, USERS.ID).select(NOTE_ID).map(row -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes has no primary key; call key(...)");
        assertThatThrownBy(() -> FetchPlan.from(USERS).map(row -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("call select(...)");
        ToMany<Long> comments = ToMany.via(Keys.COMMENTS__COMMENTS_POST_FK).select(COMMENTS.ID).map(row -> row.get(COMMENTS.ID));
        assertThatThrownBy(() -> FetchPlan.from(USERS).include(comments))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("relations' parent key is posts.id; allowed: a column of users");
    }
}
