package dev.fetchplan;

import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPostsAndComments;
import dev.fetchplan.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every strategy returns the oracle's tree on several random datasets. */
class StrategyEquivalenceTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void bothStrategiesReturnEqualResults(long seed) {
        database.dsl().truncate(USERS).restartIdentity().cascade().execute();
        BlogData data = BlogData.seedRandom(database.dsl(), seed, 150 + (int) seed * 10);
        BlogQueries blog = BlogQueries.using(database.dsl());

        for (UserQuery.Builder query : List.of(
                UserQuery.builder().maxPageSize(500).pageSize(500),
                UserQuery.builder().pageSize(30).postsPerUser(2).commentsPerPost(2),
                UserQuery.builder().pageSize(7).after(70).postsPerUser(4))) {
            List<UserWithPostsAndComments> expected = data.expectedWithComments(query.build());
            for (FetchStrategy strategy : FetchStrategy.values()) {
                assertThat(blog.fetchUsersWithPostsAndComments(query.strategy(strategy).build())).as(strategy.name()).isEqualTo(expected);
            }
        }
    }
}
