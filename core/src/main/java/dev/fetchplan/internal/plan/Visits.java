package dev.fetchplan.internal.plan;

import java.util.function.Consumer;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * Walks a query part as jOOQ renders it, reporting every part it visits with the parts around it: jOOQ's Open
 * Source Edition has no other traversal of its query model.
 */
public final class Visits {

    private Visits() {
    }

    /** Renders {@code part} once for PostgreSQL and gives {@code visitor} each part as it is visited. */
    public static void of(QueryPart part, Consumer<VisitContext> visitor) {
        DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES).set(VisitListener.onVisitStart(visitor::accept))).render(part);
    }
}
