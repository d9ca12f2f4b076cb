package dev.fetchplan;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * A fetch checks its own statement budget: running more statements than its plan declares is a bug in the
 * engine (it cannot happen today; this catches regressions). Unless a guard in LOG or OFF mode says
 * otherwise, the statement over budget is refused; in LOG mode it is logged once.
 */
final class StatementBudget implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final int declared;
    private final QueryGuard.Mode mode;
    private final Optional<QueryGuard> guard;
    private int executed;

    private StatementBudget(int declared, Optional<QueryGuard> guard) {
        this.declared = declared;
        this.guard = guard;
        this.mode = guard.map(QueryGuard::mode).orElse(QueryGuard.Mode.STRICT);
    }

    /** {@code dsl} with a fresh budget of {@code declared} statements. */
    static DSLContext apply(DSLContext dsl, int declared) {
        StatementBudget budget = new StatementBudget(declared, QueryGuard.installedIn(dsl.configuration()));
        return DSL.using(dsl.configuration().deriveAppending(new DefaultExecuteListenerProvider(budget)));
    }

    @Override
    public void executeStart(ExecuteContext context) {
        executed++;
        if (executed <= declared) {
            return;
        }
        String message = "a fetch plan declared at most " + declared + " statement(s) but was about to run statement "
                + executed + ": " + context.sql() + " — this is a fetchplan bug; please report it";
        switch (mode) {
            case STRICT -> throw new IllegalStateException(message);
            case LOG -> {
                if (executed == declared + 1) {
                    guard.ifPresent(present -> present.warn(message));
                }
            }
            case OFF -> {
                // The guard was switched off; the budget respects that.
            }
        }
    }
}
