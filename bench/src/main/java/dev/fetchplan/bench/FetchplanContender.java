package dev.fetchplan.bench;

import static dev.fetchplan.schema.jooq.Tables.USERS;

import dev.fetchplan.Count;
import dev.fetchplan.FetchPlan;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.blog.UserWithPostsAndComments;
import dev.fetchplan.schema.jooq.Keys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * fetchplan as its users call it: {@link BlogQueries} with one strategy. For the counting scenario it either
 * counts in the database ({@link Count} in the plan: {@code fetchplan-projection}) or loads the posts and
 * counts them in Java ({@code fetchplan-load-and-count}).
 */
final class FetchplanContender implements Contender {

    private static final Count POSTS_PER_USER = Count.via(Keys.POSTS__POSTS_USER_FK);

    private final String name;
    private final DSLContext dsl;
    private final FetchStrategy strategy;
    private final boolean countInDatabase;

    FetchplanContender(String name, DSLContext dsl, FetchStrategy strategy, boolean countInDatabase) {
        this.name = name;
        this.dsl = dsl;
        this.strategy = strategy;
        this.countInDatabase = countInDatabase;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<UserWithPosts> usersWithPosts(int users) {
        return BlogQueries.using(dsl).fetchUsersWithPosts(query(users));
    }

    @Override
    public List<UserWithPostsAndComments> usersWithPostsAndComments(int users) {
        return BlogQueries.using(dsl).fetchUsersWithPostsAndComments(query(users));
    }

    @Override
    public Map<Long, Long> postCounts(int users) {
        Map<Long, Long> counts = new LinkedHashMap<>();
        if (countInDatabase) {
            FetchPlan.from(USERS).select(USERS.ID).orderBy(USERS.ID.asc()).limit(users).count(POSTS_PER_USER)
                    .map(row -> counts.put(row.get(USERS.ID), row.get(POSTS_PER_USER)))
                    .fetch(dsl, strategy);
        } else {
            usersWithPosts(users).forEach(user -> counts.put(user.id(), (long) user.posts().size()));
        }
        return counts;
    }

    private UserQuery query(int users) {
        return UserQuery.builder().maxPageSize(Math.max(users, 1)).pageSize(users).strategy(strategy).build();
    }
}
