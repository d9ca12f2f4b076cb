package dev.fetchplan.example;

import static dev.fetchplan.schema.jooq.Tables.USERS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fetchplan.FetchPlan;
import dev.fetchplan.FetchPolicy;
import dev.fetchplan.FetchStrategy;
import dev.fetchplan.FetchTimeoutException;
import dev.fetchplan.NPlusOneException;
import dev.fetchplan.QueryGuard;
import dev.fetchplan.QueryScope;
import dev.fetchplan.ReadRouting;
import dev.fetchplan.RowBudgetExceededException;
import dev.fetchplan.blog.BlogCounts;
import dev.fetchplan.blog.BlogQueries;
import dev.fetchplan.blog.UserQuery;
import dev.fetchplan.blog.UserWithPosts;
import dev.fetchplan.example.Responses.Page;
import dev.fetchplan.example.Responses.UserJson;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoints. Every request runs in a {@link QueryScope} of the N+1 guard and answers with
 * {@code X-Query-Count} (statements the request executed) and {@code Server-Timing} (their database time).
 * Fetches run under a {@link FetchPolicy}: the statement timeout per fetch, the response's row budget, and one
 * retry on a fresh connection when the server dropped the connection. Bad input is 400, a missing user 404, a busy
 * service or an unreachable or slow database 503 with {@code Retry-After}, anything else a generic 500 (details in
 * the log); always as {@code {"error": "..."}}, never with a stack trace or SQL. At most
 * {@code maxInFlight} requests are served at once; {@link #drain} stops taking new ones.
 */
final class BlogHttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(BlogHttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks a response this API wrote, so the 404 fallback does not overwrite "no user with id ...". */
    private static final String RESPONDED = BlogHttpApi.class.getName() + ".responded";
    /** Seconds a client should wait before retrying when the service is busy, or when the database is down. */
    private static final int RETRY_BUSY = 1;
    private static final int RETRY_DOWN = 5;

    private final Database database;
    private final QueryGuard guard;
    private final AppSettings settings;
    private final DSLContext dsl;
    private final ReadRouting routing;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private volatile boolean draining;

    private BlogHttpApi(Database database, QueryGuard guard, AppSettings settings) {
        this.database = database;
        this.guard = guard;
        this.settings = settings;
        this.dsl = FetchPolicy.NONE.timeout(settings.statementTimeout()).maxRows(settings.maxRows()).retryOnConnectionLoss(true)
                .applyTo(guard.guard(database.dsl));
        FetchPolicy policy = FetchPolicy.of(dsl.configuration());
        ReadRouting.Builder reads = ReadRouting.to(dsl);
        for (int i = 0; i < database.replicas.size(); i++) {
            reads.replica("replica-" + (i + 1), policy.applyTo(guard.guard(database.replicas.get(i))), database.replicas.get(i));
        }
        this.routing = reads.build();
        this.maxInFlight = settings.maxInFlight();
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** The service, configured but not started, and the API behind it (for draining on shutdown). */
    static BlogHttpApi create(Database database, QueryGuard guard, AppSettings settings) {
        return new BlogHttpApi(database, guard, settings);
    }

    Javalin javalin() {
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrors());
                // Stopping waits for the responses in flight to be written (after drain() saw their handlers end).
                server.insertHandler(new GracefulHandler());
                server.setStopTimeout(Math.max(1, settings.drain().toMillis()));
            });
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(ExampleApp.MAX_REQUEST_HEADER_BYTES));
            config.routes.get("/users", guarded(this::users));
            config.routes.get("/users-with-posts", guarded(this::usersWithPosts));
            config.routes.get("/users-with-posts-and-comments", guarded(this::usersWithPostsAndComments));
            config.routes.get("/users/{id}", guarded(this::user));
            config.routes.get("/stats/post-counts", guarded(this::postCounts));
            config.routes.get("/export/users-with-posts", admitted(this::exportUsersWithPosts));
            config.routes.get("/health", this::health);
            config.routes.get("/ready", this::ready);
            config.routes.exception(Exception.class, (e, ctx) -> respond(ctx, Failure.of(e, settings, ctx.method() + " " + ctx.path())));
            config.routes.error(404, "*", ctx -> {
                if (ctx.attribute(RESPONDED) == null) {
                    respond(ctx, 404, new Responses.Error("no endpoint " + ctx.method() + " " + ctx.path()
                            + "; see GET /users, /users-with-posts, /users-with-posts-and-comments, /users/{id}, /stats/post-counts, "
                            + "/export/users-with-posts, /health, /ready"));
                }
            });
        });
    }

    /**
     * Stops taking requests (they are answered 503) and waits up to {@code timeout} for those in flight to finish;
     * whether they all did.
     */
    int requestsInFlight() {
        return maxInFlight - inFlight.availablePermits();
    }

    boolean drain(Duration timeout) throws InterruptedException {
        draining = true;
        if (inFlight.tryAcquire(maxInFlight, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            inFlight.release(maxInFlight);
            return true;
        }
        return false;
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
        respond(ctx, 200, page(page.fetch(route(ctx).dsl(), FetchStrategy.MULTISET), limit, UserJson::id));
    }

    private void usersWithPosts(Context ctx) {
        Params params = Params.of(ctx, "limit", "after", "postsPerUser", "strategy");
        int limit = params.limit(20);
        UserQuery query = pageQuery(params, limit).postsPerUser(params.perParent("postsPerUser")).build();
        respond(ctx, 200, page(blog(ctx).fetchUsersWithPosts(query).stream().map(Responses.UserWithPostsJson::of).toList(),
                limit, Responses.UserWithPostsJson::id));
    }

    private void usersWithPostsAndComments(Context ctx) {
        Params params = Params.of(ctx, "limit", "after", "postsPerUser", "commentsPerPost", "strategy");
        int limit = params.limit(20);
        UserQuery query = pageQuery(params, limit).postsPerUser(params.perParent("postsPerUser"))
                .commentsPerPost(params.perParent("commentsPerPost")).build();
        respond(ctx, 200, page(blog(ctx).fetchUsersWithPostsAndComments(query).stream().map(Responses.UserWithPostsAndCommentsJson::of).toList(),
                limit, Responses.UserWithPostsAndCommentsJson::id));
    }

    private void user(Context ctx) {
        Params params = Params.of(ctx, "postsPerUser", "commentsPerPost", "strategy");
        long id = Params.id(ctx, "id");
        UserQuery query = UserQuery.builder().userIds(List.of(id)).pageSize(1).strategy(params.strategy())
                .postsPerUser(params.perParent("postsPerUser")).commentsPerPost(params.perParent("commentsPerPost")).build();
        var found = blog(ctx).fetchUsersWithPostsAndComments(query);
        if (found.isEmpty()) {
            respond(ctx, 404, new Responses.Error("no user with id " + id));
        } else {
            respond(ctx, 200, Responses.UserWithPostsAndCommentsJson.of(found.get(0)));
        }
    }

    private void postCounts(Context ctx) {
        int limit = Params.of(ctx, "limit").limit(10);
        respond(ctx, 200, new Responses.PostCounts(BlogCounts.using(route(ctx).dsl()).postCountsByUser(limit).stream().map(Responses.PostCountJson::of).toList()));
    }

    /**
     * Every user with their posts as NDJSON: one line per user, each as {@code /users-with-posts} returns that user (same
     * {@code postsPerUser}), streamed in keyset chunks of {@code chunk} users, each chunk flushed before the next is
     * fetched, so memory holds one chunk and a slow client slows the reads. Outside a guard scope: a stream repeats its
     * plan once per chunk by design. A failure after the first line ends the response without its final chunk, so a
     * client sees a broken body, never a short one that looks complete.
     */
    private void exportUsersWithPosts(Context ctx) throws IOException {
        Params params = Params.of(ctx, "postsPerUser", "strategy", "chunk");
        int chunk = params.chunk();
        int postsPerUser = params.perParent("postsPerUser");
        if ((long) chunk * (1 + postsPerUser) > settings.maxRows()) {
            throw new BadRequest("chunk × (1 + postsPerUser) is " + (long) chunk * (1 + postsPerUser) + "; allowed: at most "
                    + settings.maxRows() + " (the rows one chunk may carry): lower chunk or postsPerUser");
        }
        UserQuery query = UserQuery.builder().maxPageSize(10_000).pageSize(chunk).strategy(params.strategy())
                .postsPerUser(postsPerUser).build();
        BlogQueries blog = blog(ctx);
        ctx.status(200).contentType("application/x-ndjson");
        ctx.attribute(RESPONDED, Boolean.TRUE);
        // Jetty's own stream, not Javalin's (which may compress and does not pass a flush on): each chunk leaves at once.
        OutputStream out = ctx.res().getOutputStream();
        int written = 0;
        try (Stream<UserWithPosts> users = blog.streamUsersWithPosts(query)) {
            for (UserWithPosts user : (Iterable<UserWithPosts>) users::iterator) {
                out.write(JSON.writeValueAsBytes(Responses.UserWithPostsJson.of(user)));
                out.write('\n');
                if (++written % query.pageSize() == 0) {
                    out.flush();
                }
            }
            out.flush();
        } catch (RuntimeException | IOException e) {
            if (written == 0 && !ctx.res().isCommitted()) {
                throw e;
            }
            LOG.error("{} {} failed after {} users; the response is cut off", ctx.method(), ctx.path(), written, e);
            ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel().abort(e);
        }
    }

    /** Where this request reads (a replica that has the client's {@code X-Read-After} position, or the primary), said in {@code X-Served-By}. */
    private ReadRouting.Route route(Context ctx) {
        ReadRouting.Route route = routing.route(Params.readAfter(ctx));
        ctx.header("X-Served-By", route.replica() ? "replica" : "primary");
        return route;
    }

    private BlogQueries blog(Context ctx) {
        return BlogQueries.using(route(ctx).dsl());
    }

    /** Liveness: the process serves HTTP. Never touches the database, so load or an outage cannot fail it. */
    private void health(Context ctx) {
        Params.of(ctx);
        respond(ctx, 200, new Responses.Health("ok"));
    }

    /** Readiness: the database answers on the probes' own connection, and the service is not draining. */
    private void ready(Context ctx) {
        Params.of(ctx);
        if (draining) {
            respond(ctx, 503, new Responses.Error("shutting down"));
        } else if (database.answers()) {
            respond(ctx, 200, new Responses.Health("ready"));
        } else {
            ctx.header("Retry-After", Integer.toString(RETRY_DOWN));
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

    /** Runs {@code handler} if the service takes it (not draining, fewer than the maximum in flight). */
    private Handler admitted(Handler handler) {
        return ctx -> {
            if (draining) {
                ctx.header("Connection", "close");
                ctx.header("Retry-After", Integer.toString(RETRY_BUSY));
                respond(ctx, 503, new Responses.Error("shutting down"));
                return;
            }
            if (!inFlight.tryAcquire()) {
                ctx.header("Retry-After", Integer.toString(RETRY_BUSY));
                respond(ctx, 503, new Responses.Error("service busy: " + maxInFlight + " requests in flight; try again later"));
                return;
            }
            try {
                handler.handle(ctx);
            } finally {
                inFlight.release();
            }
        };
    }

    /**
     * Runs {@code handler} in a guard scope, if the service takes it (not draining, fewer than the maximum in flight),
     * and reports what it cost in the response headers.
     */
    private Handler guarded(Handler handler) {
        return admitted(ctx -> {
            try (QueryScope scope = guard.open(ctx.method() + " " + ctx.path())) {
                try {
                    handler.handle(ctx);
                } finally {
                    ctx.header("X-Query-Count", Integer.toString(scope.statements()));
                    ctx.header("Server-Timing", String.format(Locale.ROOT, "db;dur=%.3f", scope.databaseTime().toNanos() / 1e6));
                }
            }
        });
    }

    private static void respond(Context ctx, int status, Object body) {
        try {
            ctx.attribute(RESPONDED, Boolean.TRUE);
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + body.getClass().getSimpleName(), e);
        }
    }

    private static void respond(Context ctx, Failure failure) {
        failure.retryAfterSeconds().ifPresent(seconds -> ctx.header("Retry-After", Integer.toString(seconds)));
        respond(ctx, failure.status(), new Responses.Error(failure.message()));
    }

    /**
     * What a client is told about a failed request: a status, a message that names what it may change (never SQL,
     * internal names or a stack trace) and, for a 503, when to try again. What only an operator should see is
     * logged here.
     */
    record Failure(int status, String message, OptionalInt retryAfterSeconds) {

        static Failure of(Exception failure, AppSettings settings, String request) {
            if (failure instanceof BadRequest) {
                return new Failure(400, failure.getMessage(), OptionalInt.empty());
            }
            if (failure instanceof RowBudgetExceededException budget) {
                return new Failure(400, "the response would carry more than " + budget.maxRows() + " rows (users, posts and "
                        + "comments together); ask for fewer: a smaller limit, postsPerUser or commentsPerPost", OptionalInt.empty());
            }
            if (failure instanceof NPlusOneException nPlusOne) {
                LOG.error("{}: {}", request, nPlusOne.getMessage());
                return new Failure(500, "N+1 query detected and stopped; the statement is in the server log", OptionalInt.empty());
            }
            return switch (Cause.of(failure)) {
                case BUSY -> new Failure(503, "service busy: no database connection was free within "
                        + Database.CONNECTION_WAIT.toMillis() + " ms; try again later", OptionalInt.of(RETRY_BUSY));
                case TIMED_OUT -> {
                    LOG.warn("{} timed out: {}", request, failure.getMessage());
                    yield new Failure(503, "the database did not answer within " + settings.statementTimeout().toMillis()
                            + " ms; try again later", OptionalInt.of(RETRY_BUSY));
                }
                case DATABASE_DOWN -> {
                    LOG.warn("{}: database unavailable: {}", request, failure.toString());
                    yield new Failure(503, "database unavailable; try again later", OptionalInt.of(RETRY_DOWN));
                }
                case OTHER -> {
                    LOG.error("{} failed", request, failure);
                    yield new Failure(500, "internal error", OptionalInt.empty());
                }
            };
        }
    }

    /** What a failure of the database layer comes down to. */
    enum Cause {
        /** The pool had no connection free in time, while the database is up. */
        BUSY,
        /** A fetch or statement ran past the timeout (fetchplan's per-fetch timeout, or the server's, 57014). */
        TIMED_OUT,
        /** The database cannot be reached or dropped the connection. */
        DATABASE_DOWN,
        OTHER;

        static Cause of(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof FetchTimeoutException) {
                    return TIMED_OUT;
                }
                if (cause instanceof SQLTransientConnectionException timeout) {
                    // HikariCP's timeout carries the pool's last connection failure: down only if that was a failure to
                    // connect; a connection found dead on validation (a terminated backend) leaves a pool that is busy.
                    return cannotConnect(timeout.getCause()) ? DATABASE_DOWN : BUSY;
                }
                if (cause instanceof ConnectException) {
                    return DATABASE_DOWN;
                }
                if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                    String state = sql.getSQLState();
                    if (state.equals("57014")) {
                        return TIMED_OUT;
                    }
                    if (state.startsWith("08") || state.startsWith("57P")) {
                        return DATABASE_DOWN;
                    }
                }
            }
            return OTHER;
        }

        /** Whether {@code failure} says a new connection could not be made (refused, unreachable, server starting or gone). */
        private static boolean cannotConnect(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConnectException || cause instanceof java.net.UnknownHostException
                        || cause instanceof java.net.SocketTimeoutException) {
                    return true;
                }
                if (cause instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().equals("08001") || sql.getSQLState().equals("08004") || sql.getSQLState().startsWith("57P"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
