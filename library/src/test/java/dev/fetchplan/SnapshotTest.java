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
import dev.fetchplan.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * BATCHED reads every level from one snapshot: its own REPEATABLE READ, READ ONLY transaction, or the caller's
 * transaction when one is open. A writer that commits between two levels is invisible to the fetch.
 */
class SnapshotTest {

    private static final int COMMENTS_PER_POST = 3;

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    /** Writes through its own connections, never the fetch's. */
    private final DSLContext writer = DSL.using(database.server().dataSource(database.name()), SQLDialect.POSTGRES);

    @BeforeEach
    void twentyUsersWithTwoPostsOfThreeMatchingCommentsEach() {
        writer.truncate(USERS).cascade().execute();
        writer.execute("INSERT INTO users (name, email) SELECT 'user ' || g, 'user' || g || '@example.com' FROM generate_series(1, 20) g");
        writer.execute("INSERT INTO posts (user_id, title) SELECT id, 'generation 0' FROM users, generate_series(1, 2)");
        writer.execute("INSERT INTO comments (post_id, author_id, content) SELECT id, user_id, title FROM posts, generate_series(1, "
                + COMMENTS_PER_POST + ")");
    }

    @Test
    void aWriteCommittedBetweenTwoLevelsIsInvisibleToBatched() {
        List<UserWithPostsAndComments> before = fetchAll(BlogQueries.using(database.dsl()), FetchStrategy.BATCHED);

        List<UserWithPostsAndComments> during = fetchAll(BlogQueries.using(writingAfterTheFirstLevel(database.dsl())), FetchStrategy.BATCHED);

        assertThat(during).isEqualTo(before);
        assertThat(fetchAll(BlogQueries.using(database.dsl()), FetchStrategy.BATCHED)).as("the write did happen").isNotEqualTo(before);
    }

    @Test
    void insideTheCallersReadCommittedTransactionTheSameWriteIsSeenSoTheTestCanTellTheDifference() {
        List<UserWithPostsAndComments> before = fetchAll(BlogQueries.using(database.dsl()), FetchStrategy.BATCHED);

        List<UserWithPostsAndComments> during = writingAfterTheFirstLevel(database.dsl()).transactionResult(transaction ->
                fetchAll(BlogQueries.using(transaction.dsl()), FetchStrategy.BATCHED));

        assertThat(during).isNotEqualTo(before);
    }

    @Test
    void batchedJoinsTheCallersTransactionAndSeesItsUncommittedWrites() {
        List<String> statements = database.statementsDuring(() -> database.dsl().transaction(transaction -> {
            DSLContext dsl = transaction.dsl();
            long userId = dsl.select(DSL.min(USERS.ID)).from(USERS).fetchSingle().value1();
            insertPostWithComments(dsl, userId, "uncommitted");

            List<UserWithPostsAndComments> users = fetchAll(BlogQueries.using(dsl), FetchStrategy.BATCHED);

            assertThat(users.get(0).posts()).extracting(PostWithComments::title).contains("uncommitted");
            transaction.dsl().rollback().execute();
        }));

        assertThat(statements).noneMatch(sql -> sql.startsWith("START TRANSACTION"));
    }

    @Test
    void aConcurrentWriterNeverProducesATreeWhoseLevelsDisagree() throws Exception {
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger writes = new AtomicInteger();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = executor.submit(() -> {
                Random random = new Random(11);
                while (reading.get()) {
                    writeOneGeneration(random, writes.incrementAndGet());
                }
                return null;
            });
            BlogQueries blog = BlogQueries.using(database.dsl());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(4));
            int fetches = 0;
            while (fetches < 40 || Instant.now().isBefore(deadline) && fetches < 400) {
                for (FetchStrategy strategy : FetchStrategy.values()) {
                    assertConsistent(fetchAll(blog, strategy));
                    fetches++;
                }
            }
            reading.set(false);
            writing.get();
            assertThat(writes.get()).as("the writer ran while we read").isGreaterThan(10);
        } finally {
            reading.set(false);
            executor.shutdown();
        }
    }

    /** One writer transaction: add a post with matching comments, delete a post, or move a post and its comments to a new generation. */
    private void writeOneGeneration(Random random, int generation) {
        writer.transaction(transaction -> {
            DSLContext dsl = transaction.dsl();
            List<Long> postIds = dsl.select(POSTS.ID).from(POSTS).fetch(POSTS.ID);
            long victim = postIds.get(random.nextInt(postIds.size()));
            switch (random.nextInt(3)) {
                case 0 -> insertPostWithComments(dsl, dsl.select(POSTS.USER_ID).from(POSTS).where(POSTS.ID.eq(victim)).fetchSingle().value1(),
                        "generation " + generation);
                case 1 -> {
                    if (postIds.size() > 10) {
                        dsl.deleteFrom(POSTS).where(POSTS.ID.eq(victim)).execute();
                    }
                }
                default -> {
                    dsl.update(POSTS).set(POSTS.TITLE, "generation " + generation).where(POSTS.ID.eq(victim)).execute();
                    dsl.update(COMMENTS).set(COMMENTS.CONTENT, "generation " + generation).where(COMMENTS.POST_ID.eq(victim)).execute();
                }
            }
        });
    }

    /** In any snapshot, every post has exactly its three comments and they carry the post's generation. */
    private static void assertConsistent(List<UserWithPostsAndComments> users) {
        assertThat(users).isNotEmpty().allSatisfy(user -> assertThat(user.posts()).allSatisfy(post -> {
            assertThat(post.comments()).as("comments of post %d", post.id()).hasSize(COMMENTS_PER_POST);
            assertThat(post.comments()).extracting(Comment::content).as("comments of post %d", post.id()).containsOnly(post.title());
        }));
    }

    private static void insertPostWithComments(DSLContext dsl, long userId, String generation) {
        long postId = dsl.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE).values(userId, generation).returning(POSTS.ID).fetchSingle().getId();
        for (int i = 0; i < COMMENTS_PER_POST; i++) {
            dsl.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.CONTENT).values(postId, userId, generation).execute();
        }
    }

    private static List<UserWithPostsAndComments> fetchAll(BlogQueries blog, FetchStrategy strategy) {
        return blog.fetchUsersWithPostsAndComments(UserQuery.builder().pageSize(100).strategy(strategy).build());
    }

    /**
     * A DSLContext that, right after its first query (the users level), commits a change on another
     * connection: a new post with comments for the first user, and new content for an existing post's comments.
     */
    private DSLContext writingAfterTheFirstLevel(DSLContext dsl) {
        AtomicBoolean written = new AtomicBoolean();
        ExecuteListener writeOnce = new ExecuteListener() {
            @Override
            public void executeEnd(ExecuteContext context) {
                if (written.compareAndSet(false, true)) {
                    long userId = writer.select(DSL.min(USERS.ID)).from(USERS).fetchSingle().value1();
                    insertPostWithComments(writer, userId, "written mid-fetch");
                    writer.update(COMMENTS).set(COMMENTS.CONTENT, "changed mid-fetch")
                            .where(COMMENTS.POST_ID.eq(writer.select(DSL.max(POSTS.ID)).from(POSTS).where(POSTS.TITLE.eq("generation 0")))).execute();
                }
            }
        };
        return DSL.using(dsl.configuration().derive(new DefaultExecuteListenerProvider(writeOnce)));
    }
}
