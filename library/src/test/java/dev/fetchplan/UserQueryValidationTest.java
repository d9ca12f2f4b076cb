package dev.fetchplan;

import static dev.fetchplan.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input fails with an IllegalArgumentException naming the parameter and what is allowed, before any statement. */
class UserQueryValidationTest {

    @RegisterExtension
    static final TestDatabase database = TestDatabase.migrated();

    @Test
    void pageSizeMustBeBetweenOneAndTheMaximum() {
        assertRejected(() -> UserQuery.builder().pageSize(0), "pageSize is 0", "1 to 100");
        assertRejected(() -> UserQuery.builder().pageSize(-5), "pageSize is -5", "1 to 100");
        assertRejected(() -> UserQuery.builder().pageSize(101), "pageSize is 101", "1 to 100", "maxPageSize");
        assertRejected(() -> UserQuery.builder().maxPageSize(10).pageSize(11), "pageSize is 11", "1 to 10");
        assertRejected(() -> UserQuery.builder().maxPageSize(0), "maxPageSize is 0", "1 to 1000000");
        assertRejected(() -> UserQuery.builder().pageSize(50).maxPageSize(40).build(), "pageSize is 50", "1 to 40");
        assertThat(UserQuery.builder().maxPageSize(500).pageSize(500).build().pageSize()).isEqualTo(500);
    }

    @Test
    void theCursorAndIdsMustBeValidIds() {
        assertRejected(() -> UserQuery.builder().after(-1), "after is -1", "0 (first page) or a user id");
        assertRejected(() -> UserQuery.builder().userIds(List.of(1L, -3L)), "userIds contains -3", "positive ids");
        assertRejected(() -> UserQuery.builder().userIds(List.of(0L)), "userIds contains 0", "positive ids");
        assertRejected(() -> UserQuery.builder().userIds(Arrays.asList(1L, null)), "userIds contains null", "positive ids");
    }

    @Test
    void perParentLimitsMustBePositive() {
        assertRejected(() -> UserQuery.builder().postsPerUser(0), "postsPerUser is 0", "1 or more");
        assertRejected(() -> UserQuery.builder().commentsPerPost(-2), "commentsPerPost is -2", "1 or more");
    }

    @Test
    void theStrategyIsRequired() {
        assertRejected(() -> UserQuery.builder().strategy(null), "strategy is null", "[MULTISET, BATCHED, STACKED, AUTO]");
        assertRejected(() -> new UserQuery(20, 0, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), null),
                "strategy is null", "[MULTISET, BATCHED, STACKED, AUTO]");
    }

    @Test
    void theCanonicalConstructorChecksAsTheBuilderDoes() {
        assertRejected(() -> new UserQuery(0, 0, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), FetchStrategy.BATCHED),
                "pageSize is 0");
        assertRejected(() -> new UserQuery(20, -1, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), FetchStrategy.BATCHED),
                "after is -1");
        assertRejected(() -> new UserQuery(20, 0, Optional.empty(), OptionalInt.of(0), OptionalInt.empty(), FetchStrategy.BATCHED),
                "postsPerUser is 0");
    }

    @Test
    void aShapeWithoutCommentsRejectsACommentLimitWithoutSendingAStatement() {
        UserQuery query = UserQuery.builder().commentsPerPost(3).build();
        BlogQueries blog = BlogQueries.using(database.dsl());

        List<String> statements = database.statementsDuring(() ->
                assertRejected(() -> blog.fetchUsersWithPosts(query), "commentsPerPost is 3", "fetchUsersWithPostsAndComments"));

        assertThat(statements).isEmpty();
    }

    @Test
    void aPlanRejectsAMissingStrategyWithoutSendingAStatement() {
        FetchPlan<Long> plan = FetchPlan.from(USERS)
                .select(USERS.ID)
                .map(row -> row.get(USERS.ID));

        List<String> statements = database.statementsDuring(() ->
                assertRejected(() -> plan.fetch(database.dsl(), null), "strategy is null", "MULTISET, BATCHED, STACKED"));

        assertThat(statements).isEmpty();
    }

    @Test
    void theQueryIsImmutable() {
        List<Long> ids = new ArrayList<>(List.of(1L, 2L));
        UserQuery query = UserQuery.builder().userIds(ids).build();
        ids.add(3L);

        assertThat(query.userIds()).contains(List.of(1L, 2L));
        assertThatThrownBy(() -> query.userIds().orElseThrow().add(4L)).isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertRejected(ThrowingCallable call, String... messageParts) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).message().contains(messageParts);
    }
}
