package dev.fetchplan;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A unit of work watched by a {@link QueryGuard} (a request, a test): the statements executed through the
 * guard's DSLContexts on the thread that opened it, per statement shape, and the time they took — its own and those of
 * scopes opened inside it and already closed, not of ones still open. Close it on the same thread (try-with-resources).
 * Not thread-safe: it belongs to its thread.
 */
public final class QueryScope implements AutoCloseable {

    private final QueryGuard guard;
    private final String name;
    private final QueryScope outer;
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Thread owner = Thread.currentThread();
    private int statements;
    private long databaseNanos;
    private final AtomicBoolean closed = new AtomicBoolean();

    QueryScope(QueryGuard guard, String name, QueryScope outer) {
        this.guard = guard;
        this.name = name;
        this.outer = outer;
    }

    public String name() {
        return name;
    }

    /** How many statements ran in this scope so far (closed inner scopes' included). */
    public int statements() {
        return statements;
    }

    /** The time those statements took, from jOOQ's start of execution to the end of fetching their rows. */
    public Duration databaseTime() {
        return Duration.ofNanos(databaseNanos);
    }

    /** How often each statement shape (SQL with {@code ?} for bind values) ran, in order of first execution. */
    public Map<String, Integer> executionsByStatement() {
        Map<String, Integer> executions = new LinkedHashMap<>();
        shapes.forEach((sql, shape) -> executions.put(sql, shape.executions));
        return Collections.unmodifiableMap(executions);
    }

    /**
     * Ends the scope; in LOG mode, logs one warning per statement shape that looked like N+1, with its count. Its
     * statements, their counts and time then count in the scope it was opened in too (not their bind values: N+1 is
     * judged per scope), when closed on its own thread. Scopes opened inside it and left open are taken off the thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        guard.closed(this, outer);
        shapes.forEach((sql, shape) -> {
            if (shape.distinctBinds.size() >= guard.threshold()) {
                guard.suspected(name, sql, shape.ownExecutions, shape.distinctBinds.size());
            }
        });
        if (outer != null && !outer.isClosed() && Thread.currentThread() == owner) {
            outer.statements += statements;
            outer.databaseNanos += databaseNanos;
            shapes.forEach((sql, shape) -> outer.shapes.computeIfAbsent(sql, key -> new Shape()).executions += shape.executions);
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** How often {@code sql} ran in this scope itself, which is what N+1 is judged on (closed inner scopes' not included). */
    int ownExecutions(String sql) {
        Shape shape = shapes.get(sql);
        return shape == null ? 0 : shape.ownExecutions;
    }

    /**
     * Records an execution about to start.
     *
     * @return how many different bind value sets this shape has now run with in this scope
     */
    int starting(String sql, int bindHash) {
        statements++;
        Shape shape = shapes.computeIfAbsent(sql, key -> new Shape());
        shape.executions++;
        shape.ownExecutions++;
        shape.distinctBinds.add(bindHash);
        return shape.distinctBinds.size();
    }

    QueryScope outer() {
        return outer;
    }

    void ended(long nanos) {
        databaseNanos += nanos;
    }

    /** One statement shape: how often it ran and with how many different bind values. */
    private static final class Shape {
        int executions;
        int ownExecutions;
        final Set<Integer> distinctBinds = new HashSet<>();
    }
}
