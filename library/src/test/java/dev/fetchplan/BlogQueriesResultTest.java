package dev.fetchplan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy returns exactly what a plain-Java oracle computes from the same rows, for a random dataset
 * full of ties, unicode, JSON-hostile characters, long texts, users without posts and posts without comments,
 * across page sizes, cursors, id lists and per-parent limits. Equal to the oracle means equal to each other.
 */
class BlogQueriesResultTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    private static BlogData data;
    private static BlogQueries blog;

    @BeforeAll
    static void seed() {
        data = BlogData.seedRandom(database.dsl(), 20261125L, 240);
        blog = BlogQueries.using(database.dsl());
    }

    static Stream<Arguments> queries() {
        List<Arguments> queries = new ArrayList<>();
        for (FetchStrategy strategy : FetchStrategy.values()) {
            queries.add(Arguments.of(strategy, UserQuery.builder().strategy(strategy).build()));
            queries.add(Arguments.of(strategy, UserQuery.builder().strategy(strategy).pageSize(1).build()));
            queries.add(Arguments.of(strategy, UserQuery.builder().strategy(strategy).maxPageSize(1000).pageSize(1000).build()));
            queries.add(Arguments.of(strategy, UserQuery.builder().strategy(strategy).after(37).pageSize(50).postsPerUser(3).build()));
            queries.add(Arguments.of(strategy, UserQuery.builder().strategy(strategy).maxPageSize(1000).pageSize(300).postsPerUser(1).commentsPerPost(2).build()));
            queries.add(Arguments.of(strategy, UserQuery.builder().strategy(strategy).pageSize(100).commentsPerPost(1).build()));
            queries.add(Arguments.of(strategy, UserQuery.builder().strategy(strategy).userIds(List.of(5L, 3L, 200L, 99_999L)).build()));
            queries.add(Arguments.of(strategy, UserQuery.builder().strategy(strategy).after(100_000).build()));
        }
        return queries.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("queries")
    void usersWithPostsAndCommentsEqualTheOracle(FetchStrategy strategy, UserQuery query) {
        assertThat(blog.fetchUsersWithPostsAndComments(query)).isEqualTo(data.expectedWithComments(query));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("queries")
    void usersWithPostsEqualTheOracle(FetchStrategy strategy, UserQuery query) {
        UserQuery withoutComments = new UserQuery(query.pageSize(), query.after(), query.userIds(), query.postsPerUser(),
                OptionalInt.empty(), query.strategy());

        assertThat(blog.fetchUsersWithPosts(withoutComments)).isEqualTo(data.expectedWithPosts(withoutComments));
    }
}
