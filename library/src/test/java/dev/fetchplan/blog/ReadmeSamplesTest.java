package dev.fetchplan.blog;

import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.FetchPlan;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import dev.fetchplan.ToMany;
import dev.fetchplan.schema.jooq.Keys;
import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** README.md's code samples, as they appear there (DocumentationSnippetsTest holds them to it), run. */
class ReadmeSamplesTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private static final Logger log = LoggerFactory.getLogger(ReadmeSamplesTest.class);

    static final Param<Long> AFTER = DSL.param("after", 0L);

    static final ToMany<Post> NEWEST_POSTS = ToMany.via(Keys.POSTS__POSTS_USER_FK)
            .select(POSTS.ID, POSTS.TITLE, POSTS.CREATED_AT)
            .where(POSTS.TITLE.notLikeIgnoreCase("draft:%"))                 // a filter on a nested level
            .orderBy(POSTS.CREATED_AT.desc())
            .limitPerParent(5)                                              // newest 5 per user
            .map(row -> new Post(row.get(POSTS.ID), row.get(POSTS.TITLE), row.get(POSTS.CREATED_AT)));

    static final FetchPlan<UserWithPosts> USERS_WITH_POSTS = FetchPlan.from(USERS)
            .select(USERS.ID, USERS.NAME, USERS.EMAIL, USERS.CREATED_AT)
            .where(USERS.ID.gt(AFTER))
            .orderBy(USERS.ID.asc())
            .include(NEWEST_POSTS)
            .map(row -> new UserWithPosts(row.get(USERS.ID), row.get(USERS.NAME), row.get(USERS.EMAIL),
                    row.get(USERS.CREATED_AT), row.get(NEWEST_POSTS)));

    @BeforeAll
    static void seed() {
        database.dsl().execute("""
                INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.com'), ('Bob', 'bob@example.com');
                INSERT INTO posts (user_id, title) SELECT id, 'Hello from ' || name FROM users;
                INSERT INTO posts (user_id, title) SELECT id, 'DRAFT: not yet' FROM users;
                INSERT INTO comments (post_id, author_id, content) SELECT p.id, p.user_id, 'First!' FROM posts p;
                """);
    }

    @Test
    void theEngineSampleFetchesAPageWithFilteredPosts() {
        QueryGuard counting = QueryGuard.of(QueryGuard.Mode.OFF);
        DSLContext dsl = counting.guard(database.dsl());
        long lastSeenUserId = 0;
        try (QueryScope scope = counting.open("engine sample")) {
            List<UserWithPosts> page = USERS_WITH_POSTS.bind(AFTER, lastSeenUserId).limit(20)
                    .fetch(dsl, FetchStrategy.BATCHED);                             // 2 statements; MULTISET: 1

            assertThat(scope.statements()).isEqualTo(2);
            assertThat(page).extracting(UserWithPosts::name).containsExactly("Ada", "Bob");
            assertThat(page).allSatisfy(user -> assertThat(user.posts()).extracting(Post::title).singleElement()
                    .asString().startsWith("Hello"));
        }
    }

    @Test
    void theBlogSampleWalksTheTreeWithoutQueries() {
        DSLContext dsl = database.dsl();
        long lastSeenUserId = 0;
        BlogQueries blog = BlogQueries.using(dsl);                      // any jOOQ DSLContext on PostgreSQL
        List<UserWithPostsAndComments> users = blog.fetchUsersWithPostsAndComments(UserQuery.builder()
                .pageSize(20).after(lastSeenUserId)                     // keyset page of users
                .postsPerUser(5).commentsPerPost(3)                     // newest 5 posts, first 3 comments each
                .strategy(FetchStrategy.MULTISET)                       // 1 statement; BATCHED: 3, one per level
                .build());
        for (UserWithPostsAndComments user : users) {
            user.posts().forEach(post -> post.comments().forEach(comment ->
                    System.out.println(user.name() + " / " + post.title() + " / " + comment.author().name())));
        }                                                               // no query runs in this loop: there is no lazy loading
        assertThat(users).hasSize(2).allSatisfy(user -> assertThat(user.posts()).hasSize(2));
    }

    @Test
    void theGuardSampleStopsTheLoopAtTheThirdUser() {
        DSLContext plainDsl = database.dsl();
        List<Long> userIds = List.of(1L, 2L, 3L);
        assertThatThrownBy(() -> {
            QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);      // or LOG (one warning per shape), OFF (count only)
            DSLContext dsl = guard.guard(plainDsl);                         // watch every statement of this DSLContext
            try (QueryScope request = guard.open("GET /users")) {           // one scope per request or unit of work
                for (long id : userIds) {                                   // the same statement with a 3rd different bind
                    dsl.selectFrom(POSTS).where(POSTS.USER_ID.eq(id)).fetch();  // value throws NPlusOneException, showing
                }                                                           // the SQL and pointing to a fetch plan
                log.info("{} statements, {} in the database", request.statements(), request.databaseTime());
            }
        }).isInstanceOf(NPlusOneException.class);
    }

    @Test
    void theTestSampleAssertsThreeStatements() {
        QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
        DSLContext dsl = guard.guard(database.dsl());
        UserQuery query = UserQuery.builder().build();
        guard.assertStatements(3, () -> BlogQueries.using(dsl).fetchUsersWithPostsAndComments(query));
    }
}
