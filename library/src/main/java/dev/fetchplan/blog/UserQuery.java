package dev.fetchplan.blog;

import dev.fetchplan.FetchStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to fetch: a keyset page of users (ids greater than {@code after}, ascending, at most {@code pageSize}),
 * optionally only some ids, optionally only the newest N posts per user and the first N comments per post,
 * with a strategy. Validated on construction: a bad value throws {@link IllegalArgumentException} naming the
 * parameter and what is allowed, before anything touches the database.
 *
 * @param pageSize how many users at most, 1 to the builder's {@code maxPageSize}
 * @param after return users whose id is greater than this (0 for the first page)
 * @param userIds if present, only these users (an empty list matches nobody)
 * @param postsPerUser if present, only each user's newest N posts
 * @param commentsPerPost if present, only each post's first N comments
 * @param strategy how to fetch (default AUTO: the DSLContext's default strategy if its configuration names one,
 *                 {@code FetchStrategy.DEFAULT}; else BATCHED, or STACKED where it declares a round trip of 1 ms or more)
 */
public record UserQuery(
        int pageSize,
        long after,
        Optional<List<Long>> userIds,
        OptionalInt postsPerUser,
        OptionalInt commentsPerPost,
        FetchStrategy strategy) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int DEFAULT_MAX_PAGE_SIZE = 100;
    /** The largest maximum a builder accepts: pages are bounded so a response is. */
    public static final int LARGEST_MAX_PAGE_SIZE = 1_000_000;

    public UserQuery {
        checkPageSize(pageSize, LARGEST_MAX_PAGE_SIZE);
        checkAfter(after);
        Objects.requireNonNull(userIds, "userIds");
        userIds = userIds.map(UserQuery::checkIds);
        checkTopN(postsPerUser, "postsPerUser");
        checkTopN(commentsPerPost, "commentsPerPost");
        checkStrategy(strategy);
    }

    /** A builder with the defaults: page size 20 (at most 100), after 0, all ids, all posts and comments, BATCHED. */
    public static Builder builder() {
        return new Builder();
    }

    private static void checkPageSize(int pageSize, int max) {
        if (pageSize < 1 || pageSize > max) {
            throw new IllegalArgumentException("pageSize is " + pageSize + "; allowed: 1 to " + max
                    + (max < LARGEST_MAX_PAGE_SIZE ? " (raise the maximum with maxPageSize(...))" : ""));
        }
    }

    private static void checkAfter(long after) {
        if (after < 0) {
            throw new IllegalArgumentException("after is " + after + "; allowed: 0 (first page) or a user id");
        }
    }

    private static List<Long> checkIds(List<Long> ids) {
        return Ids.check(ids, "userIds");
    }

    private static void checkTopN(OptionalInt limit, String parameter) {
        Objects.requireNonNull(limit, parameter);
        if (limit.isPresent() && limit.getAsInt() < 1) {
            throw new IllegalArgumentException(parameter + " is " + limit.getAsInt() + "; allowed: 1 or more, or unset for all");
        }
    }

    private static void checkStrategy(FetchStrategy strategy) {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy is null; allowed: " + Arrays.toString(FetchStrategy.values()));
        }
    }

    /** Builds a {@link UserQuery}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private long after;
        private Optional<List<Long>> userIds = Optional.empty();
        private OptionalInt postsPerUser = OptionalInt.empty();
        private OptionalInt commentsPerPost = OptionalInt.empty();
        private FetchStrategy strategy = FetchStrategy.AUTO;

        private Builder() {
        }

        /** The largest page size this builder accepts (default 100, at most 1,000,000). */
        public Builder maxPageSize(int maxPageSize) {
            if (maxPageSize < 1 || maxPageSize > LARGEST_MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("maxPageSize is " + maxPageSize + "; allowed: 1 to " + LARGEST_MAX_PAGE_SIZE);
            }
            this.maxPageSize = maxPageSize;
            return this;
        }

        public Builder pageSize(int pageSize) {
            checkPageSize(pageSize, maxPageSize);
            this.pageSize = pageSize;
            return this;
        }

        public Builder after(long after) {
            checkAfter(after);
            this.after = after;
            return this;
        }

        public Builder userIds(Collection<Long> userIds) {
            Objects.requireNonNull(userIds, "userIds");
            this.userIds = Optional.of(checkIds(new ArrayList<>(userIds)));
            return this;
        }

        public Builder postsPerUser(int postsPerUser) {
            return postsPerUser(OptionalInt.of(postsPerUser));
        }

        public Builder postsPerUser(OptionalInt postsPerUser) {
            checkTopN(postsPerUser, "postsPerUser");
            this.postsPerUser = postsPerUser;
            return this;
        }

        public Builder commentsPerPost(int commentsPerPost) {
            return commentsPerPost(OptionalInt.of(commentsPerPost));
        }

        public Builder commentsPerPost(OptionalInt commentsPerPost) {
            checkTopN(commentsPerPost, "commentsPerPost");
            this.commentsPerPost = commentsPerPost;
            return this;
        }

        public Builder strategy(FetchStrategy strategy) {
            checkStrategy(strategy);
            this.strategy = strategy;
            return this;
        }

        /** The query; checks the page size against the maximum again, in case the maximum was lowered after it. */
        public UserQuery build() {
            checkPageSize(pageSize, maxPageSize);
            return new UserQuery(pageSize, after, userIds, postsPerUser, commentsPerPost, strategy);
        }
    }
}
