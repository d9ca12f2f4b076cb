package dev.fetchplan.internal.sql;

import java.sql.SQLException;
import org.jooq.Binding;
import org.jooq.BindingGetResultSetContext;
import org.jooq.BindingGetSQLInputContext;
import org.jooq.BindingGetStatementContext;
import org.jooq.BindingRegisterContext;
import org.jooq.BindingSQLContext;
import org.jooq.BindingSetSQLOutputContext;
import org.jooq.BindingSetStatementContext;
import org.jooq.Converter;
import org.jooq.conf.ParamType;

/**
 * A parameter's own binding, except that it renders as a bare {@code ?}: the compiled SQL around it already
 * holds whatever the original rendered around its placeholder (a cast such as {@code cast(? as bigint[])}).
 * Setting the value on the statement is the original binding's. When jOOQ inlines values (static statements),
 * the original renders the literal (a redundant cast around it is harmless).
 */
record BareBinding<T, U>(Binding<T, U> original) implements Binding<T, U> {

    private static final long serialVersionUID = 1L;

    @Override
    public Converter<T, U> converter() {
        return original.converter();
    }

    @Override
    public void sql(BindingSQLContext<U> context) throws SQLException {
        if (context.render().paramType() == ParamType.INLINED) {
            original.sql(context);
        } else {
            context.render().sql(context.variable());
        }
    }

    @Override
    public void register(BindingRegisterContext<U> context) throws SQLException {
        original.register(context);
    }

    @Override
    public void set(BindingSetStatementContext<U> context) throws SQLException {
        original.set(context);
    }

    @Override
    public void set(BindingSetSQLOutputContext<U> context) throws SQLException {
        original.set(context);
    }

    @Override
    public void get(BindingGetResultSetContext<U> context) throws SQLException {
        original.get(context);
    }

    @Override
    public void get(BindingGetStatementContext<U> context) throws SQLException {
        original.get(context);
    }

    @Override
    public void get(BindingGetSQLInputContext<U> context) throws SQLException {
        original.get(context);
    }
}
