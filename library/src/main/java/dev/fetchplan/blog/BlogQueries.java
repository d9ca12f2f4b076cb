package dev.fetchplan.blog;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;

import dev.fetchplan.Count;
import dev.fetchplan.FetchPlan;
import dev.fetchplan.ToMany;
import dev.fetchplan.ToOne;
import dev.fetchplan.schema.jooq.Keys;
import java.util.List;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The blog API: users with their posts (and the posts' comments with their authors) as immutable records,
 * fetched by a {@link FetchPlan}, so a call runs one statement (MULTISET) or one per level (BATCHED) for any
 * number of users. Nothing touches the database after a call returns. Thread-safe if the DSLContext is.
 *
 * <pre>{@code
 * BlogQueries blog = BlogQueries.using(dsl);
 * List<UserWithPostsAndComments> page = blog.fetchUsersWithPostsAndComments(
 *         UserQuery.builder().pageSize(20).postsPerUser(5).commentsPerPost(3).build());
 * }</pre>
 */
public final class BlogQueries {

    private static final ToOne<Author> AUTHOR = ToOne.via(Keys.COMMENTS__COMMENTS_AUTHOR_FK)
            .select(USERS.ID, USERS.NAME)
            .map(row -> new Author(row.get(USERS.ID), row.get(USERS.NAME)));

    private static final Count COMMENTS_PER_POST = Count.via(Keys.COMMENTS__COMMENTS_POST_FK);

    private final DSLContext dsl;

    private BlogQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    public static BlogQueries using(DSLContext dsl) {
        return new BlogQueries(Objects.requireNonNull(dsl, "dsl"));
    }

    /** A page of users, each with their posts (newest first). MULTISET: 1 statement; BATCHED: 2. */
    public List<UserWithPosts> fetchUsersWithPosts(UserQuery query) {
        rejectCommentLimit(query, "fetchUsersWithPosts");
        if (matchesNobody(query)) {
            return List.of();
        }
        ToMany<Post> posts = postsOfUser(query)
                .map(row -> new Post(row.get(POSTS.ID), row.get(POSTS.TITLE), row.get(POSTS.CREATED_AT)));
        return users(query)
                .include(posts)
                .map(row -> new UserWithPosts(row.get(USERS.ID), row.get(USERS.NAME), row.get(USERS.EMAIL),
                        row.get(USERS.CREATED_AT), row.get(posts)))
                .fetch(dsl, query.strategy());
    }

    /**
     * A page of users, each with their posts (newest first), each post with its comments (oldest first) and
     * each comment with its author. MULTISET: 1 statement; BATCHED: 3 (the author is joined, not a level).
     */
    public List<UserWithPostsAndComments> fetchUsersWithPostsAndComments(UserQuery query) {
        Objects.requireNonNull(query, "query");
        if (matchesNobody(query)) {
            return List.of();
        }
        ToMany<Comment> comments = ToMany.via(Keys.COMMENTS__COMMENTS_POST_FK)
                .select(COMMENTS.ID, COMMENTS.CONTENT, COMMENTS.CREATED_AT)
                .orderBy(COMMENTS.CREATED_AT.asc(), COMMENTS.ID.asc())
                .limitPerParent(query.commentsPerPost())
                .join(AUTHOR)
                .map(row -> new Comment(row.get(COMMENTS.ID), row.get(COMMENTS.CONTENT), row.get(COMMENTS.CREATED_AT), row.get(AUTHOR)));
        ToMany<PostWithComments> posts = postsOfUser(query)
                .include(comments)
                .map(row -> new PostWithComments(row.get(POSTS.ID), row.get(POSTS.TITLE), row.get(POSTS.CREATED_AT), row.get(comments)));
        return users(query)
                .include(posts)
                .map(row -> new UserWithPostsAndComments(row.get(USERS.ID), row.get(USERS.NAME), row.get(USERS.EMAIL),
                        row.get(USERS.CREATED_AT), row.get(posts)))
                .fetch(dsl, query.strategy());
    }

    /**
     * A page of users, each with their posts (newest first), each post with its number of comments counted by
     * the database: no comment row is loaded. MULTISET: 1 statement; BATCHED: 2.
     */
    public List<UserWithPostSummaries> fetchUsersWithPostSummaries(UserQuery query) {
        rejectCommentLimit(query, "fetchUsersWithPostSummaries");
        if (matchesNobody(query)) {
            return List.of();
        }
        ToMany<PostSummary> posts = postsOfUser(query)
                .count(COMMENTS_PER_POST)
                .map(row -> new PostSummary(row.get(POSTS.ID), row.get(POSTS.TITLE), row.get(POSTS.CREATED_AT), row.get(COMMENTS_PER_POST)));
        return users(query)
                .include(posts)
                .map(row -> new UserWithPostSummaries(row.get(USERS.ID), row.get(USERS.NAME), row.get(USERS.EMAIL),
                        row.get(USERS.CREATED_AT), row.get(posts)))
                .fetch(dsl, query.strategy());
    }

    /** A comment limit on a shape without comments is a mistake worth telling, not a value to ignore. */
    private static void rejectCommentLimit(UserQuery query, String method) {
        Objects.requireNonNull(query, "query");
        if (query.commentsPerPost().isPresent()) {
            throw new IllegalArgumentException("commentsPerPost is " + query.commentsPerPost().getAsInt() + " but " + method
                    + " returns no comments; allowed: unset (or call fetchUsersWithPostsAndComments)");
        }
    }

    private static boolean matchesNobody(UserQuery query) {
        return query.userIds().map(List::isEmpty).orElse(false);
    }

    private static FetchPlan.Builder users(UserQuery query) {
        Condition page = USERS.ID.gt(query.after());
        if (query.userIds().isPresent()) {
            Long[] ids = query.userIds().get().toArray(Long[]::new);
            page = page.and(USERS.ID.eq(DSL.any(DSL.val(ids, SQLDataType.BIGINT.getArrayDataType()))));
        }
        return FetchPlan.from(USERS)
                .select(USERS.ID, USERS.NAME, USERS.EMAIL, USERS.CREATED_AT)
                .where(page)
                .orderBy(USERS.ID.asc())
                .limit(query.pageSize());
    }

    private static ToMany.Builder postsOfUser(UserQuery query) {
        return ToMany.via(Keys.POSTS__POSTS_USER_FK)
                .select(POSTS.ID, POSTS.TITLE, POSTS.CREATED_AT)
                .orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc())
                .limitPerParent(query.postsPerUser());
    }
}
