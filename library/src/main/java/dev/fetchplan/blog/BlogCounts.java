package dev.fetchplan.blog;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;

import dev.fetchplan.FetchPolicy;
import dev.fetchplan.schema.jooq.tables.Comments;
import dev.fetchplan.schema.jooq.tables.Posts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Aggregate projections of the blog: each is one statement in which the database counts; no row is loaded to
 * be counted in Java. Counts are grouped per table before they meet, so two joins never multiply each other's
 * rows. Each runs under the DSLContext's {@link FetchPolicy} (its timeout, a retry after a lost connection) as a
 * fetch does. Thread-safe if the DSLContext is.
 */
public final class BlogCounts {

    /** The most rows a ranking or activity page returns. */
    public static final int MAX_LIMIT = 1_000;

    private final DSLContext dsl;

    private BlogCounts(DSLContext dsl) {
        this.dsl = dsl;
    }

    public static BlogCounts using(DSLContext dsl) {
        return new BlogCounts(Objects.requireNonNull(dsl, "dsl"));
    }

    /**
     * Users ranked by how many posts they wrote (most first, ties by user id), only users who posted at all:
     * the top posters.
     */
    public List<PostCount> topPosters(int limit) {
        return postCounts(limit, false);
    }

    /** All users ranked by how many posts they wrote (most first, ties by user id); users without posts count 0. */
    public List<PostCount> postCountsByUser(int limit) {
        return postCounts(limit, true);
    }

    /**
     * The number of comments on each of {@code postIds}: 0 for a post without comments, no entry for an id
     * that is not a post. One statement for any number of ids (one array parameter); none for no ids.
     * The map iterates in ascending post id order and is unmodifiable.
     */
    public Map<Long, Long> commentCountsByPost(Collection<Long> postIds) {
        Long[] ids = Ids.check(postIds, "postIds").stream().distinct().toArray(Long[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        Map<Long, Long> counts = new LinkedHashMap<>();
        FetchPolicy.read(dsl, "commentCountsByPost", reading -> reading.select(POSTS.ID, commentsOn(POSTS))
                .from(POSTS)
                .where(POSTS.ID.eq(DSL.any(DSL.val(ids, SQLDataType.BIGINT.getArrayDataType()))))
                .orderBy(POSTS.ID)
                .fetch())
                .forEach(row -> counts.put(row.value1(), row.value2()));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * A keyset page of users (id greater than {@code after}, ascending, at most {@code limit}) with their
     * activity, in one statement: each count is a correlated aggregate over one table, so none multiplies
     * another.
     */
    public List<UserActivity> userActivity(long after, int limit) {
        if (after < 0) {
            throw new IllegalArgumentException("after is " + after + "; allowed: 0 (first page) or a user id");
        }
        checkLimit(limit);
        Posts written = POSTS.as("written");
        Comments commented = COMMENTS.as("commented");
        Comments received = COMMENTS.as("received");
        Posts onPost = POSTS.as("on_post");
        Table<?> postsOfUser = DSL.lateral(DSL.select(DSL.count().as("posts"), DSL.max(written.CREATED_AT).as("latest"))
                .from(written).where(written.USER_ID.eq(USERS.ID))).as("post_stats");
        Field<Long> commentsWritten = DSL.field(DSL.select(DSL.count()).from(commented).where(commented.AUTHOR_ID.eq(USERS.ID)))
                .coerce(SQLDataType.BIGINT);
        Field<Long> commentsReceived = DSL.field(DSL.select(DSL.count()).from(received).join(onPost).on(onPost.ID.eq(received.POST_ID))
                .where(onPost.USER_ID.eq(USERS.ID))).coerce(SQLDataType.BIGINT);
        Field<Long> posts = postsOfUser.field("posts", SQLDataType.BIGINT);
        Field<Instant> latest = postsOfUser.field("latest", SQLDataType.INSTANT);
        List<UserActivity> activity = new ArrayList<>();
        FetchPolicy.read(dsl, "userActivity", reading -> reading.select(USERS.ID, USERS.NAME, posts, commentsWritten, commentsReceived, latest)
                .from(USERS)
                .crossJoin(postsOfUser)
                .where(USERS.ID.gt(after))
                .orderBy(USERS.ID)
                .limit(limit)
                .fetch())
                .forEach(row -> activity.add(new UserActivity(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                        Optional.ofNullable(row.value6()))));
        return List.copyOf(activity);
    }

    private List<PostCount> postCounts(int limit, boolean includeUsersWithoutPosts) {
        checkLimit(limit);
        Table<Record2<Long, Integer>> perUser = DSL.select(POSTS.USER_ID, DSL.count().as("posts"))
                .from(POSTS).groupBy(POSTS.USER_ID).asTable("per_user");
        Field<Long> user = perUser.field(POSTS.USER_ID);
        Field<Long> count = DSL.coalesce(perUser.field("posts", SQLDataType.BIGINT), DSL.inline(0L));
        var from = includeUsersWithoutPosts
                ? USERS.leftJoin(perUser).on(user.eq(USERS.ID))
                : USERS.join(perUser).on(user.eq(USERS.ID));
        return FetchPolicy.read(dsl, includeUsersWithoutPosts ? "postCountsByUser" : "topPosters", reading -> reading
                .select(USERS.ID, USERS.NAME, count)
                .from(from)
                .orderBy(count.desc(), USERS.ID.asc())
                .limit(limit)
                .fetch(row -> new PostCount(row.value1(), row.value2(), row.value3())));
    }

    /** The number of comments on each row of {@code posts}, as a correlated count (an index-only scan per post). */
    static Field<Long> commentsOn(Posts posts) {
        Comments comments = COMMENTS.as("counted");
        return DSL.field(DSL.select(DSL.count()).from(comments).where(comments.POST_ID.eq(posts.ID))).coerce(SQLDataType.BIGINT);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit is " + limit + "; allowed: 1 to " + MAX_LIMIT);
        }
    }
}
