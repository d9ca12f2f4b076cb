package dev.fetchplan;

import static dev.fetchplan.schema.jooq.Tables.USERS;
import static java.util.Comparator.comparing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.blog.BlogCounts;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.PostCount;
import dev.fetchplan.blog.PostSummary;
import dev.fetchplan.blog.UserActivity;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPostSummaries;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every projection equals a brute-force count in Java over the same random rows, in exactly one statement. */
class BlogCountsTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private static BlogData data;
    private static BlogCounts counts;

    @BeforeAll
    static void seed() {
        data = BlogData.seedRandom(database.dsl(), 4711, 260);
        counts = BlogCounts.using(database.dsl());
    }

    @Test
    void postCountsByUserRankAllUsersIncludingThoseWithoutPostsInOneStatement() {
        List<PostCount> expected = expectedPostCounts(true);

        assertThat(oneStatement(() -> counts.postCountsByUser(1000))).isEqualTo(expected);
        assertThat(oneStatement(() -> counts.postCountsByUser(10))).isEqualTo(expected.subList(0, 10));
        assertThat(expected).as("the dataset has users without posts").anyMatch(count -> count.postCount() == 0);
    }

    @Test
    void topPostersRankOnlyUsersWhoPostedInOneStatement() {
        List<PostCount> expected = expectedPostCounts(false);

        assertThat(oneStatement(() -> counts.topPosters(1000))).isEqualTo(expected).allMatch(count -> count.postCount() > 0);
        assertThat(oneStatement(() -> counts.topPosters(3))).isEqualTo(expected.subList(0, 3));
    }

    @Test
    void commentCountsByPostAreZeroForPostsWithoutCommentsAndAbsentForUnknownIdsInOneStatement() {
        Map<Long, Long> byPost = data.comments.stream().collect(Collectors.groupingBy(BlogData.CommentRow::postId, Collectors.counting()));
        List<Long> ids = new ArrayList<>(data.posts.stream().map(BlogData.PostRow::id).toList());
        ids.add(999_999_999L);
        Map<Long, Long> expected = new LinkedHashMap<>();
        data.posts.stream().map(BlogData.PostRow::id).sorted().forEach(id -> expected.put(id, byPost.getOrDefault(id, 0L)));

        Map<Long, Long> actual = oneStatement(() -> counts.commentCountsByPost(ids));

        assertThat(actual).containsExactlyEntriesOf(expected).doesNotContainKey(999_999_999L);
        assertThat(actual).as("the dataset has posts without comments").containsValue(0L);
    }

    @Test
    void commentCountsForTenThousandIdsAreStillOneStatementWithOneParameter() {
        List<Long> ids = LongStream.rangeClosed(1, 10_000).boxed().toList();

        List<String> statements = database.statementsDuring(() -> counts.commentCountsByPost(ids));

        assertThat(statements).singleElement().satisfies(sql -> assertThat(Statements.placeholders(sql)).isEqualTo(1));
    }

    @Test
    void userActivityCountsEachKindSeparatelySoJoinsNeverMultiplyInOneStatement() {
        Map<Long, BlogData.PostRow> posts = data.posts.stream().collect(Collectors.toMap(BlogData.PostRow::id, Function.identity()));
        List<UserActivity> expected = data.users.stream().sorted(comparing(BlogData.UserRow::id)).filter(user -> user.id() > 20).limit(150)
                .map(user -> new UserActivity(user.id(), user.name(),
                        data.posts.stream().filter(post -> post.userId() == user.id()).count(),
                        data.comments.stream().filter(comment -> comment.authorId() == user.id()).count(),
                        data.comments.stream().filter(comment -> posts.get(comment.postId()).userId() == user.id()).count(),
                        data.posts.stream().filter(post -> post.userId() == user.id()).map(BlogData.PostRow::createdAt).max(Comparator.naturalOrder())))
                .toList();

        List<UserActivity> actual = oneStatement(() -> counts.userActivity(20, 150));

        assertThat(actual).isEqualTo(expected);
        assertThat(actual).as("users who both wrote and received comments").anyMatch(a -> a.commentsWritten() > 0 && a.commentsReceived() > 1);
        assertThat(actual).as("users without posts").anyMatch(a -> a.latestPostAt().isEmpty() && a.postsWritten() == 0);
    }

    @ParameterizedTest
    @EnumSource(FetchStrategy.class)
    void postsCarryTheirCommentCountWithoutLoadingCommentsOrAddingStatements(FetchStrategy strategy) {
        Map<Long, Long> byPost = data.comments.stream().collect(Collectors.groupingBy(BlogData.CommentRow::postId, Collectors.counting()));
        UserQuery query = UserQuery.builder().pageSize(100).postsPerUser(4).strategy(strategy).build();
        List<UserWithPosts> expectedPosts = data.expectedWithPosts(query);
        AtomicReference<List<UserWithPostSummaries>> result = new AtomicReference<>();

        List<String> statements = database.statementsDuring(() -> result.set(BlogQueries.using(database.dsl()).fetchUsersWithPostSummaries(query)));

        assertThat(Statements.queries(statements)).hasSize(strategy == FetchStrategy.BATCHED || strategy == FetchStrategy.AUTO ? 2 : 1)
                .noneMatch(sql -> sql.contains("\"content\""));
        assertThat(result.get()).hasSize(expectedPosts.size());
        for (int i = 0; i < expectedPosts.size(); i++) {
            List<PostSummary> summaries = result.get().get(i).posts();
            List<PostSummary> expected = expectedPosts.get(i).posts().stream()
                    .map(post -> new PostSummary(post.id(), post.title(), post.createdAt(), byPost.getOrDefault(post.id(), 0L))).toList();
            assertThat(summaries).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyDatabaseCountsNothingAndZeroes() {
        database.dsl().transaction(transaction -> {
            transaction.dsl().truncate(USERS).cascade().execute();
            BlogCounts empty = BlogCounts.using(transaction.dsl());
            assertThat(empty.postCountsByUser(10)).isEmpty();
            assertThat(empty.topPosters(10)).isEmpty();
            assertThat(empty.commentCountsByPost(List.of(1L, 2L))).isEmpty();
            assertThat(empty.userActivity(0, 10)).isEmpty();
            transaction.dsl().execute("INSERT INTO users (name, email) VALUES ('Solo', 'solo@example.com')");
            long solo = transaction.dsl().select(USERS.ID).from(USERS).fetchSingle().value1();
            assertThat(empty.postCountsByUser(10)).containsExactly(new PostCount(solo, "Solo", 0));
            assertThat(empty.topPosters(10)).isEmpty();
            assertThat(empty.userActivity(0, 10)).containsExactly(new UserActivity(solo, "Solo", 0, 0, 0, Optional.empty()));
            transaction.dsl().rollback().execute();
        });
    }

    @Test
    void badArgumentsAreRejectedBeforeAnyStatement() {
        List<String> statements = database.statementsDuring(() -> {
            assertThatThrownBy(() -> counts.postCountsByUser(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("limit is 0; allowed: 1 to 1000");
            assertThatThrownBy(() -> counts.topPosters(1001)).isInstanceOf(IllegalArgumentException.class).hasMessage("limit is 1001; allowed: 1 to 1000");
            assertThatThrownBy(() -> counts.commentCountsByPost(List.of(1L, -1L))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("postIds contains -1; allowed: positive ids");
            assertThatThrownBy(() -> counts.userActivity(-1, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after is -1");
            assertThat(counts.commentCountsByPost(List.of())).isEmpty();
        });

        assertThat(statements).isEmpty();
    }

    private static List<PostCount> expectedPostCounts(boolean includeZero) {
        Map<Long, Long> byUser = data.posts.stream().collect(Collectors.groupingBy(BlogData.PostRow::userId, Collectors.counting()));
        return data.users.stream()
                .map(user -> new PostCount(user.id(), user.name(), byUser.getOrDefault(user.id(), 0L)))
                .filter(count -> includeZero || count.postCount() > 0)
                .sorted(comparing(PostCount::postCount).reversed().thenComparing(PostCount::userId))
                .toList();
    }

    private static <T> T oneStatement(java.util.function.Supplier<T> projection) {
        AtomicReference<T> result = new AtomicReference<>();
        assertThat(database.statementsDuring(() -> result.set(projection.get()))).hasSize(1);
        return result.get();
    }
}
