package dev.fetchplan;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.Comment;
import dev.fetchplan.blog.PostWithComments;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPostsAndComments;
import dev.fetchplan.schema.jooq.Keys;
import dev.fetchplan.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MULTISET's JSON decoding is exact: every text and instant comes back as BATCHED (plain columns) returns it
 * and as it was written, whatever the session time zone — including offsets with seconds (local mean time
 * before 1900) and the ends of the timestamp range.
 */
class MultisetDecodingTest {

    private static final List<String> TEXTS = List.of(
            "plain", "quote \" and 'single'", "back\\slash \\\\ and \\u0041 literally", "new\nline\r\nand\ttab",
            "control \u0001\u0002\u001f\u007f", "line separator \u2028 paragraph \u2029", "emoji 👩‍👩‍👧‍👦 🇳🇱 👍🏽",
            "astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and CJK 日本語", "json-looking {\"a\": [1, 2, \"x\"]}", "</script><b>html</b>",
            "trailing spaces   ", "x".repeat(10_000));
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-11-25T01:02:03.456789Z"), Instant.parse("1970-01-01T00:00:00Z"),
            Instant.parse("1850-06-01T12:00:00.000001Z"), Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("2000-02-29T23:59:59.5Z"));

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @BeforeAll
    static void seed() {
        DSLContext dsl = database.dsl();
        long userId = dsl.insertInto(USERS, USERS.NAME, USERS.EMAIL, USERS.CREATED_AT).values("Zoë 👩‍💻", "zoe@example.com", INSTANTS.get(2))
                .returning(USERS.ID).fetchSingle().getId();
        for (int i = 0; i < INSTANTS.size(); i++) {
            long postId = dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CREATED_AT).values(userId, TEXTS.get(i), INSTANTS.get(i))
                    .returning(POSTS.ID).fetchSingle().getId();
            for (String text : TEXTS) {
                dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT, COMMENTS.CREATED_AT)
                        .values(postId, userId, text, INSTANTS.get(i)).execute();
            }
        }
    }

    @ParameterizedTest(name = "session time zone {0}")
    @ValueSource(strings = {"UTC", "Europe/Amsterdam", "Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati"})
    void textsAndInstantsRoundTripExactlyInAnySessionTimeZone(String timeZone) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            dsl.execute("SET TIME ZONE " + DSL.inline(timeZone));
            BlogQueries blog = BlogQueries.using(dsl);

            List<UserWithPostsAndComments> multiset = blog.fetchUsersWithPostsAndComments(UserQuery.builder().strategy(FetchStrategy.MULTISET).build());
            List<UserWithPostsAndComments> batched = blog.fetchUsersWithPostsAndComments(UserQuery.builder().strategy(FetchStrategy.BATCHED).build());

            assertThat(multiset).isEqualTo(batched);
            UserWithPostsAndComments user = multiset.get(0);
            assertThat(user.name()).isEqualTo("Zoë 👩‍💻");
            assertThat(user.createdAt()).isEqualTo(INSTANTS.get(2));
            assertThat(user.posts()).extracting(PostWithComments::createdAt).containsExactlyInAnyOrderElementsOf(INSTANTS);
            assertThat(user.posts()).extracting(PostWithComments::title).containsExactlyInAnyOrderElementsOf(TEXTS.subList(0, INSTANTS.size()));
            assertThat(user.posts()).allSatisfy(post -> assertThat(post.comments()).extracting(Comment::content).containsExactlyElementsOf(TEXTS));
        }
    }

    @ParameterizedTest(name = "session time zone {0}")
    @ValueSource(strings = {"UTC", "Europe/Amsterdam", "America/St_Johns"})
    void timestamptzReadAsOffsetDateTimeRoundTripsToo(String timeZone) throws Exception {
        Field<OffsetDateTime> createdAt = DSL.field(DSL.name("posts", "created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
        ToMany<OffsetDateTime> postTimes = ToMany.via(Keys.POSTS__POSTS_USER_FK).select(createdAt).map(row -> row.get(createdAt));
        FetchPlan<List<OffsetDateTime>> plan = FetchPlan.from(USERS).select(USERS.ID).include(postTimes).map(row -> row.get(postTimes));
        try (Connection connection = database.dataSource().getConnection()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            dsl.execute("SET TIME ZONE " + DSL.inline(timeZone));

            List<List<OffsetDateTime>> multiset = plan.fetch(dsl, FetchStrategy.MULTISET);

            assertThat(multiset).isEqualTo(plan.fetch(dsl, FetchStrategy.BATCHED));
            assertThat(multiset.get(0)).extracting(OffsetDateTime::toInstant).containsExactlyInAnyOrderElementsOf(INSTANTS);
        }
    }
}
