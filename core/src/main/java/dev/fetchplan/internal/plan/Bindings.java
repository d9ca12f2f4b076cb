package dev.fetchplan.internal.plan;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jooq.Param;

/**
 * The values one fetch binds to a plan: its parameters' values, the root limit and per-parent limits that
 * override the declared ones. Immutable; each {@code with...} returns a copy.
 */
public final class Bindings {

    private final Map<String, Object> parameters;
    private final int limit;
    private final OptionalInt[] limits;

    private Bindings(Map<String, Object> parameters, int limit, OptionalInt[] limits) {
        this.parameters = parameters;
        this.limit = limit;
        this.limits = limits;
    }

    /** The declared values of {@code plan}: its parameters' own values, its declared limits. */
    public static Bindings declared(Plan plan, int limit) {
        OptionalInt[] limits = new OptionalInt[plan.levels().size()];
        for (Level level : plan.levels()) {
            limits[level.index()] = level.defaultLimit();
        }
        return new Bindings(Map.of(), limit, limits);
    }

    public Bindings withParameter(String name, Object value) {
        Map<String, Object> copy = new HashMap<>(parameters);
        copy.put(name, value);
        return new Bindings(copy, limit, limits);
    }

    public Bindings withLimit(int limit) {
        return new Bindings(parameters, limit, limits);
    }

    public Bindings withLimitPerParent(List<Level> levels, OptionalInt limit) {
        OptionalInt[] copy = Arrays.copyOf(limits, limits.length);
        levels.forEach(level -> copy[level.index()] = limit);
        return new Bindings(parameters, this.limit, copy);
    }

    /** The root's limit. */
    public int limit() {
        return limit;
    }

    /** A nested level's per-parent limit for this fetch. */
    public OptionalInt limitOf(Level level) {
        return limits[level.index()];
    }

    /** Whether {@code parameter} was given a value for this fetch. */
    public boolean isBound(String parameter) {
        return parameters.containsKey(parameter);
    }

    /** The value of {@code parameter}: bound for this fetch, or declared with the parameter. */
    public Object valueOf(Param<?> parameter) {
        String name = parameter.getParamName();
        return parameters.containsKey(name) ? parameters.get(name) : parameter.getValue();
    }

    /** Which levels have a per-parent limit in this fetch, one bit per level: their SQL differs from unlimited ones. */
    public BitSet limitedLevels() {
        BitSet limited = new BitSet(limits.length);
        for (int i = 0; i < limits.length; i++) {
            limited.set(i, limits[i].isPresent());
        }
        return limited;
    }
}
