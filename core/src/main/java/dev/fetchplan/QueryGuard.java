package dev.fetchplan;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches the N+1 signature — one statement shape run again and again with different bind values — in a unit
 * of work. {@link #guard(DSLContext)} returns a DSLContext whose statements are watched (a jOOQ
 * ExecuteListener: the shape is jOOQ's rendered SQL, no SQL is parsed); {@link #open(String)} starts a scope
 * on the current thread. When a shape reaches the threshold of different bind values in one scope, STRICT
 * throws {@link NPlusOneException} before that statement is sent, LOG warns once per shape when the scope
 * closes, OFF only counts. Statements outside any scope are not watched. Thread-safe; scopes are per thread.
 *
 * <pre>{@code
 * QueryGuard guard = QueryGuard.of(QueryGuard.Mode.STRICT);
 * DSLContext dsl = guard.guard(plainDsl);
 * try (QueryScope request = guard.open("GET /users")) {
 *     ... // use dsl
 * }
 * }</pre>
 */
public final class QueryGuard {

    /** What happens when a statement shape repeats as often as the threshold. */
    public enum Mode {
        /** Throw {@link NPlusOneException}; the statement is not sent. */
        STRICT,
        /** Log one SLF4J warning per shape when the scope closes, with the count. */
        LOG,
        /** Count statements, report nothing. */
        OFF
    }

    /** Three different bind value sets for one shape in one scope: two can be a coincidence, three is a loop. */
    public static final int DEFAULT_THRESHOLD = 3;

    static final String CONFIGURATION_KEY = QueryGuard.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(QueryGuard.class);

    private final Mode mode;
    private final int threshold;
    private final Consumer<String> warnings;
    private final ThreadLocal<QueryScope> current = new ThreadLocal<>();

    private QueryGuard(Mode mode, int threshold, Consumer<String> warnings) {
        this.mode = mode;
        this.threshold = threshold;
        this.warnings = warnings;
    }

    /** A guard in {@code mode} with the default threshold of 3. */
    public static QueryGuard of(Mode mode) {
        return of(mode, DEFAULT_THRESHOLD);
    }

    /** A guard in {@code mode} that reacts when one shape has run with {@code threshold} different bind value sets. */
    public static QueryGuard of(Mode mode, int threshold) {
        return new QueryGuard(checkMode(mode), checkThreshold(threshold), LOG::warn);
    }

    /** The same guard, but LOG-mode warnings go to {@code warnings} instead of SLF4J (for metrics or tests). */
    public QueryGuard reportingTo(Consumer<String> warnings) {
        return new QueryGuard(mode, threshold, Objects.requireNonNull(warnings, "warnings"));
    }

    public Mode mode() {
        return mode;
    }

    public int threshold() {
        return threshold;
    }

    /** {@code dsl} with this guard watching every statement it executes (and fetch plans checking their budget). */
    public DSLContext guard(DSLContext dsl) {
        Objects.requireNonNull(dsl, "dsl");
        return DSL.using(installInto(dsl.configuration().derive()));
    }

    /** Whether this guard watches the statements of {@code dsl} (it was made by {@link #guard} or {@link #installInto}). */
    public boolean watches(DSLContext dsl) {
        Objects.requireNonNull(dsl, "dsl");
        Configuration configuration = dsl.configuration();
        return configuration != null && installedIn(configuration).orElse(null) == this;
    }

    /**
     * Makes this guard watch every statement run with {@code configuration}, changing it in place: for a configuration
     * that is being set up, such as Spring Boot's (a {@code DefaultConfigurationCustomizer}). Returns it.
     *
     * @throws IllegalStateException if a guard is already installed in it
     */
    public Configuration installInto(Configuration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        if (installedIn(configuration).isPresent()) {
            throw new IllegalStateException("the configuration already has a QueryGuard (the Spring Boot starter guards Boot's "
                    + "DSLContext and every DSLContext derived from it); allowed: one guard per configuration — use the guarded "
                    + "DSLContext as it is (a second guard would replace the first as the one fetch plans report to, and both "
                    + "would count every statement)");
        }
        configuration.setAppending(new DefaultExecuteListenerProvider(new Watcher()));
        configuration.data(CONFIGURATION_KEY, this);
        return configuration;
    }

    /**
     * Starts a scope on the current thread. A scope opened inside another one judges N+1 on its own; once closed on its
     * thread while the outer one is open, its statements count in the outer one too.
     */
    public QueryScope open(String name) {
        Objects.requireNonNull(name, "name");
        QueryScope scope = new QueryScope(this, name, innermostOpen());
        current.set(scope);
        return scope;
    }

    /** The innermost open scope of the current thread. */
    public Optional<QueryScope> current() {
        return Optional.ofNullable(innermostOpen());
    }

    /** Runs {@code block} in a scope of its own and returns how many statements it executed through guarded DSLContexts. */
    public int countStatements(ThrowingRunnable block) {
        Objects.requireNonNull(block, "block");
        try (QueryScope scope = open("countStatements")) {
            run(block);
            return scope.statements();
        }
    }

    /**
     * Runs {@code block} in a scope of its own and throws {@link AssertionError} (a failure in JUnit) unless it
     * executed exactly {@code expected} statements through guarded DSLContexts; the message lists each
     * statement with how often it ran.
     */
    public void assertStatements(int expected, ThrowingRunnable block) {
        Objects.requireNonNull(block, "block");
        try (QueryScope scope = open("assertStatements")) {
            run(block);
            if (scope.statements() != expected) {
                StringBuilder message = new StringBuilder("expected " + expected + " statement(s) but the block ran "
                        + scope.statements() + ":");
                for (Map.Entry<String, Integer> statement : scope.executionsByStatement().entrySet()) {
                    message.append("\n  ").append(statement.getValue()).append("× ").append(statement.getKey());
                }
                throw new AssertionError(message.toString());
            }
        }
    }

    /** A block of code that may throw, for {@link #countStatements} and {@link #assertStatements}. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The guard a configuration was made by {@link #guard(DSLContext)} with, if any. */
    static Optional<QueryGuard> installedIn(Configuration configuration) {
        return Optional.ofNullable((QueryGuard) configuration.data(CONFIGURATION_KEY));
    }

    /**
     * {@code scope} closed: the thread's current scope becomes its outer one, also when scopes opened inside it were
     * left open (they are abandoned, so they cannot count the statements of later work on a pooled thread).
     */
    void closed(QueryScope scope, QueryScope outer) {
        for (QueryScope open = current.get(); open != null; open = open.outer()) {
            if (open == scope) {
                setCurrent(outer);
                return;
            }
        }
    }

    private void setCurrent(QueryScope scope) {
        if (scope == null) {
            current.remove();
        } else {
            current.set(scope);
        }
    }

    /** The thread's innermost scope that is still open: one closed from another thread is passed over and dropped. */
    private QueryScope innermostOpen() {
        QueryScope top = current.get();
        QueryScope scope = top;
        while (scope != null && scope.isClosed()) {
            scope = scope.outer();
        }
        if (scope != top) {
            setCurrent(scope);
        }
        return scope;
    }

    void suspected(String scope, String sql, int executions, int distinctBinds) {
        if (mode == Mode.LOG) {
            warnings.accept("N+1 query suspected in " + scope + ": this statement ran " + executions + " times with "
                    + distinctBinds + " different bind values: " + sql
                    + " — load the relation with a fetch plan so its statement count does not grow with the rows");
        }
    }

    void warn(String message) {
        warnings.accept(message);
    }

    private static void run(ThrowingRunnable block) {
        try {
            block.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mode checkMode(Mode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("mode is null; allowed: " + Arrays.toString(Mode.values()));
        }
        return mode;
    }

    private static int checkThreshold(int threshold) {
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold is " + threshold + "; allowed: 2 or more (one repetition is not a loop)");
        }
        return threshold;
    }

    /** Counts and times every statement of a guarded DSLContext into the current thread's scope. */
    private final class Watcher implements ExecuteListener {
        private static final long serialVersionUID = 1L;
        private static final String STARTED = Watcher.class.getName() + ".started";

        @Override
        public void start(ExecuteContext context) {
            context.data(STARTED, System.nanoTime());
        }

        @Override
        public void executeStart(ExecuteContext context) {
            QueryScope scope = innermostOpen();
            if (scope == null) {
                return;
            }
            String sql = context.sql() != null ? context.sql() : String.join(";\n", context.batchSQL());
            int bindHash = context.query() == null ? 0 : Arrays.deepHashCode(context.query().getBindValues().toArray());
            int distinctBinds = scope.starting(sql, bindHash);
            if (mode == Mode.STRICT && distinctBinds >= threshold) {
                throw new NPlusOneException(scope.name(), sql, scope.ownExecutions(sql));
            }
        }

        @Override
        public void end(ExecuteContext context) {
            QueryScope scope = innermostOpen();
            Object started = context.data(STARTED);
            if (scope != null && started instanceof Long nanos) {
                scope.ended(System.nanoTime() - nanos);
            }
        }
    }
}
