package dev.fetchplan;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * Appends the plan's name to every statement of a fetch in the sqlcommenter style,
 * {@code /*fetchplan_plan='users(posts)'*}{@code /}, when the configuration's data says {@link FetchPlan#SQL_COMMENT}:
 * {@code pg_stat_statements}, {@code pg_stat_activity} and the server log then attribute each statement to its plan.
 * The value is percent-encoded, so no name can end the comment. The comment goes on the query itself, before the
 * {@code ; COMMIT} a BATCHED snapshot may add; the snapshot's own START, COMMIT and ROLLBACK carry none. Long
 * statements may lose it in {@code pg_stat_activity} ({@code track_activity_query_size}), and
 * {@code pg_stat_statements} shows, for SQL two plans share, the comment it saw first.
 */
final class SqlComment implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private static final String COMMIT = "; COMMIT";

    private final String comment;

    private SqlComment(String plan) {
        this.comment = " /*fetchplan_plan='" + URLEncoder.encode(plan, StandardCharsets.UTF_8).replace("+", "%20") + "'*/";
    }

    /** {@code dsl}, commenting its statements with {@code plan} if its configuration asks for it. */
    static DSLContext apply(DSLContext dsl, String plan) {
        if (!Boolean.TRUE.equals(dsl.configuration().data(FetchPlan.SQL_COMMENT))) {
            return dsl;
        }
        return DSL.using(dsl.configuration().deriveAppending(new DefaultExecuteListenerProvider(new SqlComment(plan))));
    }

    /** Before a trailing {@code ; COMMIT}, whichever of the two listeners jOOQ calls first. */
    @Override
    public void renderEnd(ExecuteContext context) {
        String sql = context.sql();
        if (sql == null) {
            return;
        }
        context.sql(sql.endsWith(COMMIT) ? sql.substring(0, sql.length() - COMMIT.length()) + comment + COMMIT : sql + comment);
    }
}
