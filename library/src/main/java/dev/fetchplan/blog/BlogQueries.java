package dev.fetchplan.blog;

import static dev.fetchplan.schema.jooq.Tables.COMMENTS;
import static dev.fetchplan.schema.jooq.Tables.POSTS;
import static dev.fetchplan.schema.jooq.Tables.USERS;

import dev.fetchplan.Count;
import dev.fetchplan.FetchPlan;
import dev.fetchplan.FetchedRow;
import dev.fetchplan.ToMany;
import dev.fetchplan.ToOne;
import dev.fetchplan.schema.jooq.Keys;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The blog API: users with their posts (and the posts' comments with their authors) as immutable records,
 * fetched by {@link FetchPlan}s declared once, so a call runs one statement (MULTISET) or one per level
 * (BATCHED) for any number of users and renders no SQL. Nothing touches the database after a call returns.
 * Thread-safe if the DSLContext is.
 *
 * <pre>{@code
 * BlogQueries blog = BlogQueries.using(dsl);
 * List<UserWithPostsAndComments> page = blog.fetchUsersWithPostsAndComments(
 *         UserQuery.builder().pageSize(20).postsPerUser(5).commentsPerPost(3).build());
 * }</pre>
 */
public final class BlogQueries {

    private static final Param<Long> AFTER = DSL.param("after", 0L);
    private static final Param<Long[]> USER_IDS = DSL.param("userIds", SQLDataType.BIGINT.getArrayDataType());

    private static final ToOne<Author> AUTHOR = ToOne.via(Keys.COMMENTS__COMMENTS_AUTHOR_FK)
            .select(USERS.ID, USERS.NAME)
            .map(row -> new Author(row.get(USERS.ID), row.get(USERS.NAME)));

    private static final Count COMMENTS_PER_POST = Count.via(Keys.COMMENTS__COMMENTS_POST_FK);

    private static final ToMany<Comment> COMMENTS_OF_POST = ToMany.via(Keys.COMMENTS__COMMENTS_POST_FK)
            .select(COMMENTS.ID, COMMENTS.CONTENT, COMMENTS.CREATED_AT)
            .orderBy(COMMENTS.CREATED_AT.asc(), COMMENTS.ID.asc())
            .join(AUTHOR)
            .map(row -> new Comment(row.get(COMMENTS.ID), row.get(COMMENTS.CONTENT), row.get(COMMENTS.CREATED_AT), row.get(AUTHOR)));

    private static final ToMany<Post> POSTS_OF_USER = postsOfUser()
            .map(row -> new Post(row.get(POSTS.ID), row.get(POSTS.TITLE), row.get(POSTS.CREATED_AT)));

    private static final ToMany<PostWithComments> POSTS_WITH_COMMENTS = postsOfUser()
            .include(COMMENTS_OF_POST)
            .map(row -> new PostWithComments(row.get(POSTS.ID), row.get(POSTS.TITLE), row.get(POSTS.CREATED_AT),
                    row.get(COMMENTS_OF_POST)));

    private static final ToMany<PostSummary> POST_SUMMARIES = postsOfUser()
            .count(COMMENTS_PER_POST)
            .map(row -> new PostSummary(row.get(POSTS.ID), row.get(POSTS.TITLE), row.get(POSTS.CREATED_AT),
                    row.get(COMMENTS_PER_POST)));

    private static final Plans<UserWithPosts> USERS_WITH_POSTS = Plans.of(POSTS_OF_USER,
            row -> new UserWithPosts(row.get(USERS.ID), row.get(USERS.NAME), row.get(USERS.EMAIL), row.get(USERS.CREATED_AT),
                    row.get(POSTS_OF_USER)));

    private static final Plans<UserWithPostsAndComments> USERS_WITH_POSTS_AND_COMMENTS = Plans.of(POSTS_WITH_COMMENTS,
            row -> new UserWithPostsAndComments(row.get(USERS.ID), row.get(USERS.NAME), row.get(USERS.EMAIL),
                    row.get(USERS.CREATED_AT), row.get(POSTS_WITH_COMMENTS)));

    private static final Plans<UserWithPostSummaries> USERS_WITH_POST_SUMMARIES = Plans.of(POST_SUMMARIES,
            row -> new UserWithPostSummaries(row.get(USERS.ID), row.get(USERS.NAME), row.get(USERS.EMAIL),
                    row.get(USERS.CREATED_AT), row.get(POST_SUMMARIES)));

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
        return USERS_WITH_POSTS.fetch(dsl, query, POSTS_OF_USER);
    }

    /**
     * A page of users, each with their posts (newest first), each post with its comments (oldest first) and
     * each comment with its author. MULTISET: 1 statement; BATCHED: 3 (the author is joined, not a level).
     */
    public List<UserWithPostsAndComments> fetchUsersWithPostsAndComments(UserQuery query) {
        Objects.requireNonNull(query, "query");
        return USERS_WITH_POSTS_AND_COMMENTS.fetch(dsl, query, POSTS_WITH_COMMENTS);
    }

    /**
     * Every user from {@code query.after()} on (ids ascending), each with their posts (newest first, at most
     * {@code query.postsPerUser()}), as a lazy stream read in keyset chunks of {@code query.pageSize()} users: each
     * chunk is one fetch of {@link #fetchUsersWithPosts}'s plan, so memory holds one chunk. Close the stream when done.
     * {@code query.userIds()} must be unset.
     */
    public Stream<UserWithPosts> streamUsersWithPosts(UserQuery query) {
        rejectCommentLimit(query, "streamUsersWithPosts");
        if (query.userIds().isPresent()) {
            throw new IllegalArgumentException("userIds is set; allowed: unset (a stream reads every user from after on)");
        }
        return USERS_WITH_POSTS.page.limit(query.pageSize()).limitPerParent(POSTS_OF_USER, query.postsPerUser())
                .stream(dsl, query.strategy(), AFTER, query.after(), UserWithPosts::id);
    }

    /**
     * A page of users, each with their posts (newest first), each post with its number of comments counted by
     * the database: no comment row is loaded. MULTISET: 1 statement; BATCHED: 2.
     */
    public List<UserWithPostSummaries> fetchUsersWithPostSummaries(UserQuery query) {
        rejectCommentLimit(query, "fetchUsersWithPostSummaries");
        return USERS_WITH_POST_SUMMARIES.fetch(dsl, query, POST_SUMMARIES);
    }

    /** A comment limit on a shape without comments is a mistake worth telling, not a value to ignore. */
    private static void rejectCommentLimit(UserQuery query, String method) {
        Objects.requireNonNull(query, "query");
        if (query.commentsPerPost().isPresent()) {
            throw new IllegalArgumentException("commentsPerPost is " + query.commentsPerPost().getAsInt() + " but " + method
                    + " returns no comments; allowed: unset (or call fetchUsersWithPostsAndComments)");
        }
    }

    /** A user's posts, newest first: the level every shape shares, before its mapper. */
    private static ToMany.Builder postsOfUser() {
        return ToMany.via(Keys.POSTS__POSTS_USER_FK)
                .select(POSTS.ID, POSTS.TITLE, POSTS.CREATED_AT)
                .orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc());
    }

    /** One result shape as two plans: a keyset page of all users, and a keyset page of the given users only. */
    private record Plans<T>(FetchPlan<T> page, FetchPlan<T> chosen) {

        static <T> Plans<T> of(ToMany<?> posts, Function<FetchedRow, T> mapper) {
            return new Plans<>(users(false).include(posts).map(mapper), users(true).include(posts).map(mapper));
        }

        private static FetchPlan.Builder users(boolean chosen) {
            FetchPlan.Builder users = FetchPlan.from(USERS)
                    .select(USERS.ID, USERS.NAME, USERS.EMAIL, USERS.CREATED_AT)
                    .where(USERS.ID.gt(AFTER))
                    .orderBy(USERS.ID.asc());
            return chosen ? users.where(USERS.ID.eq(DSL.any(USER_IDS))) : users;
        }

        List<T> fetch(DSLContext dsl, UserQuery query, ToMany<?> posts) {
            if (query.userIds().map(List::isEmpty).orElse(false)) {
                return List.of();
            }
            FetchPlan<T> plan = query.userIds().isPresent()
                    ? chosen.bind(USER_IDS, query.userIds().get().toArray(Long[]::new))
                    : page;
            plan = plan.bind(AFTER, query.after()).limit(query.pageSize()).limitPerParent(posts, query.postsPerUser());
            if (posts == POSTS_WITH_COMMENTS) {
                plan = plan.limitPerParent(COMMENTS_OF_POST, query.commentsPerPost());
            }
            return plan.fetch(dsl, query.strategy());
        }
    }
}
