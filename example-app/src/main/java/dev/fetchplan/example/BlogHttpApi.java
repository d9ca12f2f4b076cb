package dev.fetchplan.example;

import static dev.fetchplan.schema.jooq.Tables.USERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fetchplan.FetchPlan;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import dev.fetchplan.blog.BlogCounts;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.example.Responses.Page;
import dev.fetchplan.example.Responses.UserJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints. Every request runs in a {@link QueryScope} of the N+1 guard and answers with
 * {@code X-Query-Count} (statements the request executed) and {@code Server-Timing} (their database time).
 * Bad input is 400, a missing user 404, an unreachable database 503, always as {@code {"error": "..."}} and
 * never with a stack trace.
 */
final class BlogHttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(BlogHttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks a response this API wrote, so the 404 fallback does not overwrite "no user with id ...". */
    private static final String RESPONDED = BlogHttpApi.class.getName() + ".responded";

    private final Database database;
    private final QueryGuard guard;
    private final DSLContext dsl;
    private final BlogQueries blog;
    private final BlogCounts counts;

    private BlogHttpApi(Database database, QueryGuard guard) {
        this.database = database;
        this.guard = guard;
        this.dsl = guard.guard(database.dsl);
        this.blog = BlogQueries.using(dsl);
        this.counts = BlogCounts.using(dsl);
    }

    /** The service, configured but not started. */
    static Javalin create(Database database, QueryGuard guard) {
        BlogHttpApi api = new BlogHttpApi(database, guard);
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.routes.get("/users", api.guarded(api::users));
            config.routes.get("/users-with-posts", api.guarded(api::usersWithPosts));
            config.routes.get("/users-with-posts-and-comments", api.guarded(api::usersWithPostsAndComments));
            config.routes.get("/users/{id}", api.guarded(api::user));
            config.routes.get("/stats/post-counts", api.guarded(api::postCounts));
            config.routes.get("/health", api.guarded(api::health));
            config.routes.exception(BadRequest.class, (e, ctx) -> respond(ctx, 400, new Responses.Error(e.getMessage())));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, new Responses.Error(e.getMessage())));
            config.routes.exception(NPlusOneException.class, (e, ctx) -> {
                LOG.error("{}", e.getMessage());
                respond(ctx, 500, new Responses.Error(e.getMessage()));
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (databaseUnavailable(e)) {
                    respond(ctx, 503, new Responses.Error("database unavailable; try again later"));
                } else {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    respond(ctx, 500, new Responses.Error("internal error"));
                }
            });
            config.routes.error(404, "*", ctx -> {
                if (ctx.attribute(RESPONDED) == null) {
                    respond(ctx, 404, new Responses.Error("no endpoint " + ctx.method() + " " + ctx.path()
                            + "; see GET /users, /users-with-posts, /users-with-posts-and-comments, /users/{id}, /stats/post-counts, /health"));
                }
            });
        });
    }

    private void users(Context ctx) {
        Params params = Params.of(ctx, "limit", "after");
        int limit = params.limit(20);
        FetchPlan<UserJson> page = FetchPlan.from(USERS)
                .select(USERS.ID, USERS.NAME)
                .where(USERS.ID.gt(params.after()))
                .orderBy(USERS.ID.asc())
                .limit(limit + 1)
                .map(row -> new UserJson(row.get(USERS.ID), row.get(USERS.NAME)));
        respond(ctx, 200, page(page.fetch(dsl, FetchStrategy.MULTISET), limit, UserJson::id));
    }

    private void usersWithPosts(Context ctx) {
        Params params = Params.of(ctx, "limit", "after", "postsPerUser", "strategy");
        int limit = params.limit(20);
        UserQuery query = pageQuery(params, limit).postsPerUser(params.topN("postsPerUser")).build();
        respond(ctx, 200, page(blog.fetchUsersWithPosts(query).stream().map(Responses.UserWithPostsJson::of).toList(),
                limit, Responses.UserWithPostsJson::id));
    }

    private void usersWithPostsAndComments(Context ctx) {
        Params params = Params.of(ctx, "limit", "after", "postsPerUser", "commentsPerPost", "strategy");
        int limit = params.limit(20);
        UserQuery query = pageQuery(params, limit).postsPerUser(params.topN("postsPerUser"))
                .commentsPerPost(params.topN("commentsPerPost")).build();
        respond(ctx, 200, page(blog.fetchUsersWithPostsAndComments(query).stream().map(Responses.UserWithPostsAndCommentsJson::of).toList(),
                limit, Responses.UserWithPostsAndCommentsJson::id));
    }

    private void user(Context ctx) {
        Params params = Params.of(ctx, "postsPerUser", "commentsPerPost", "strategy");
        long id = Params.id(ctx, "id");
        UserQuery query = UserQuery.builder().userIds(List.of(id)).pageSize(1).strategy(params.strategy())
                .postsPerUser(params.topN("postsPerUser")).commentsPerPost(params.topN("commentsPerPost")).build();
        var found = blog.fetchUsersWithPostsAndComments(query);
        if (found.isEmpty()) {
            respond(ctx, 404, new Responses.Error("no user with id " + id));
        } else {
            respond(ctx, 200, Responses.UserWithPostsAndCommentsJson.of(found.get(0)));
        }
    }

    private void postCounts(Context ctx) {
        int limit = Params.of(ctx, "limit").limit(10);
        respond(ctx, 200, new Responses.PostCounts(counts.postCountsByUser(limit).stream().map(Responses.PostCountJson::of).toList()));
    }

    private void health(Context ctx) {
        Params.of(ctx);
        if (database.answers()) {
            respond(ctx, 200, new Responses.Health("ok"));
        } else {
            respond(ctx, 503, new Responses.Error("database unavailable"));
        }
    }

    /** One more row than the page, so the next cursor is known without another statement. */
    private static UserQuery.Builder pageQuery(Params params, int limit) {
        return UserQuery.builder().maxPageSize(Params.MAX_LIMIT + 1).pageSize(limit + 1).after(params.after()).strategy(params.strategy());
    }

    private static <T> Page<T> page(List<T> rowsPlusOne, int limit, Function<T, Long> id) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> rows = rowsPlusOne.subList(0, limit);
        return new Page<>(rows, id.apply(rows.get(limit - 1)));
    }

    /** Runs {@code handler} in a guard scope and reports what it cost in the response headers. */
    private Handler guarded(Handler handler) {
        return ctx -> {
            try (QueryScope scope = guard.open(ctx.method() + " " + ctx.path())) {
                try {
                    handler.handle(ctx);
                } finally {
                    ctx.header("X-Query-Count", Integer.toString(scope.statements()));
                    ctx.header("Server-Timing", String.format(Locale.ROOT, "db;dur=%.3f", scope.databaseTime().toNanos() / 1e6));
                }
            }
        };
    }

    private static void respond(Context ctx, int status, Object body) {
        try {
            ctx.attribute(RESPONDED, Boolean.TRUE);
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + body.getClass().getSimpleName(), e);
        }
    }

    private static boolean databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
