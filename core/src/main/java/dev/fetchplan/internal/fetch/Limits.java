package dev.fetchplan.internal.fetch;

import dev.fetchplan.internal.plan.Bindings;
import dev.fetchplan.internal.plan.Level;
import dev.fetchplan.internal.plan.Plan;
import java.util.function.Function;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The row limits of a fetch as bind values: the root's page size and each level's per-parent limit are named
 * parameters of the compiled SQL, so a new limit never renders new SQL (only whether a level has one does).
 */
final class Limits {

    private static final String PREFIX = Plan.RESERVED_PARAMETER_PREFIX + "limit_";

    private Limits() {
    }

    /** The parameter of {@code level}'s limit (the root's page size, or a nested level's limit per parent). */
    static Param<Integer> parameter(Level level) {
        return DSL.param(PREFIX + level.index(), SQLDataType.INTEGER);
    }

    /** The value of every parameter of a compiled plan query: limits from the bindings, the plan's own parameters. */
    static Function<Param<?>, Object> values(Plan plan, Bindings bindings) {
        return parameter -> {
            String name = parameter.getParamName();
            if (!name.startsWith(PREFIX)) {
                return bindings.valueOf(parameter);
            }
            int index = Integer.parseInt(name, PREFIX.length(), name.length(), 10);
            return index == 0 ? bindings.limit() : bindings.limitOf(plan.levels().get(index)).getAsInt();
        };
    }
}
