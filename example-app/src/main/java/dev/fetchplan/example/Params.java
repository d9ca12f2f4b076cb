package dev.fetchplan.example;

import dev.fetchplan.FetchStrategy;
import dev.fetchplan.WalPosition;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, checked strictly: a parameter the endpoint does not know, a repeated
 * one, a non-number or a number out of range is a {@link BadRequest} naming the parameter and what is allowed.
 */
final class Params {

    static final int MAX_LIMIT = 100;
    /** Posts per user and comments per post when the request does not say. */
    static final int DEFAULT_PER_PARENT = 20;
    static final int MAX_PER_PARENT = 100;

    private final Context context;

    private Params(Context context) {
        this.context = context;
    }

    /** The parameters of {@code context}, which may only use {@code allowed}. */
    static Params of(Context context, String... allowed) {
        Set<String> known = Set.of(allowed);
        Set<String> unknown = new TreeSet<>(context.queryParamMap().keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new BadRequest("unknown parameter " + String.join(", ", unknown) + "; allowed: "
                    + (allowed.length == 0 ? "none" : String.join(", ", new TreeSet<>(known))));
        }
        return new Params(context);
    }

    /** Users per chunk of an export: {@code chunk}, 1 to 10,000, default 1,000. */
    int chunk() {
        return integer("chunk", 1_000, 1, 10_000);
    }

    /** The WAL position a read must see ({@code X-Read-After}: the client's last write, {@code pg_current_wal_insert_lsn()} after its commit), if any. */
    static Optional<WalPosition> readAfter(Context context) {
        String value = context.header("X-Read-After");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(WalPosition.parse(value.strip()));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("X-Read-After is '" + value + "'; allowed: a WAL position such as 16/B374D848");
        }
    }

    int limit(int fallback) {
        return integer("limit", fallback, 1, MAX_LIMIT);
    }

    long after() {
        String value = single("after");
        if (value == null) {
            return 0;
        }
        try {
            long after = Long.parseLong(value);
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new BadRequest("after is '" + value + "'; allowed: 0 or a user id (a whole number, 0 or more)");
    }

    /** A per-parent cap (posts per user, comments per post): {@link #DEFAULT_PER_PARENT} unless given, at most {@link #MAX_PER_PARENT}. */
    int perParent(String name) {
        return integer(name, DEFAULT_PER_PARENT, 1, MAX_PER_PARENT);
    }

    private static final String ALLOWED_STRATEGIES = String.join(", ",
            Arrays.stream(FetchStrategy.values()).map(strategy -> strategy.name().toLowerCase(Locale.ROOT)).toList());

    FetchStrategy strategy() {
        String value = single("strategy");
        if (value == null) {
            return FetchStrategy.AUTO;
        }
        for (FetchStrategy strategy : FetchStrategy.values()) {
            if (strategy.name().equalsIgnoreCase(value)) {
                return strategy;
            }
        }
        throw new BadRequest("strategy is '" + value + "'; allowed: " + ALLOWED_STRATEGIES);
    }

    /** A path parameter that must be a positive id. */
    static long id(Context context, String name) {
        String value = context.pathParam(name);
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new BadRequest(name + " is '" + value + "'; allowed: a positive user id");
    }

    private int integer(String name, int fallback, int min, int max) {
        String value = single(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new BadRequest(name + " is '" + value + "'; allowed: " + min + " to " + max);
    }

    private String single(String name) {
        List<String> values = context.queryParams(name);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequest(name + " is given " + values.size() + " times; allowed: once");
        }
        return values.get(0).strip();
    }
}
