package dev.fetchplan.internal.sql;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.Settings;

/**
 * A plan's compiled queries, per shape (which strategy, which levels have a per-parent limit, ...) and per
 * rendering context: the dialect and the Settings, compared by content (jOOQ copies Settings whenever it
 * derives a configuration). A configuration with VisitListeners is never cached: they may render differently
 * on every execution (a tenant filter, say). Thread-safe; bounded (a plan has a handful of shapes, a service a
 * handful of configurations).
 */
public final class QueryCache {

    private static final int MAX_CONTEXTS = 32;

    private final Map<Context, Map<Object, CompiledQuery>> contexts = new ConcurrentHashMap<>();
    private volatile Recent recent;

    /** A rendering context: a dialect and a snapshot of the Settings. */
    private record Context(SQLDialect dialect, Settings settings) {
    }

    /** The last context asked for, by the identity of its Settings: the common case costs no Settings comparison. */
    private record Recent(Settings settings, SQLDialect dialect, Map<Object, CompiledQuery> queries) {
    }

    /** The compiled queries for {@code configuration}'s rendering context (none kept if it may not be cached). */
    public Queries of(Configuration configuration) {
        if (configuration.visitListenerProviders().length > 0) {
            return new Queries(configuration, null);
        }
        Recent last = recent;
        if (last != null && last.settings() == configuration.settings() && last.dialect() == configuration.dialect()) {
            return new Queries(configuration, last.queries());
        }
        Context context = new Context(configuration.dialect(), (Settings) configuration.settings().clone());
        Map<Object, CompiledQuery> queries = contexts.get(context);
        if (queries == null) {
            if (contexts.size() >= MAX_CONTEXTS) {
                contexts.clear();
            }
            queries = contexts.computeIfAbsent(context, key -> new ConcurrentHashMap<>());
        }
        recent = new Recent(configuration.settings(), configuration.dialect(), queries);
        return new Queries(configuration, queries);
    }

    private static CompiledQuery compile(Configuration renderWith, Select<?> query, List<Field<?>> fields) {
        return fields == null ? CompiledQuery.compile(renderWith, query) : CompiledQuery.compile(renderWith, query, fields);
    }

    /** The compiled queries of one rendering context. */
    public record Queries(Configuration configuration, Map<Object, CompiledQuery> cached) {

        /** The compiled query of {@code shape}, built by {@code query} and compiled the first time. */
        public CompiledQuery get(Object shape, Supplier<? extends Select<?>> query) {
            return get(shape, configuration, query);
        }

        /**
         * Like {@link #get(Object, Supplier)}, rendered with {@code renderWith}: a configuration derived from this
         * context's in a way that {@code shape} names.
         */
        public CompiledQuery get(Object shape, Configuration renderWith, Supplier<? extends Select<?>> query) {
            return get(shape, renderWith, query, null);
        }

        /** Like {@link #get(Object, Supplier)}, the rows read as {@code fields} (null: the query's select list). */
        public CompiledQuery get(Object shape, Supplier<? extends Select<?>> query, List<Field<?>> fields) {
            return get(shape, configuration, query, fields);
        }

        private CompiledQuery get(Object shape, Configuration renderWith, Supplier<? extends Select<?>> query, List<Field<?>> fields) {
            if (cached == null) {
                return compile(renderWith, query.get(), fields);
            }
            CompiledQuery compiled = cached.get(shape);
            if (compiled == null) {
                compiled = compile(renderWith, query.get(), fields);
                CompiledQuery raced = cached.putIfAbsent(shape, compiled);
                if (raced != null) {
                    compiled = raced;
                }
            }
            return compiled;
        }
    }
}
