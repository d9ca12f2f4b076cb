package dev.fetchplan.internal.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;

/**
 * A query rendered once and bound many times. jOOQ renders it with a marker in place of each bind variable; the
 * text between markers is kept, and each marker becomes a slot: a constant (a value written into the plan's
 * conditions) or a named parameter whose value each fetch supplies. Binding produces a plain-SQL jOOQ query whose
 * only part appends the kept text and visits one {@link BareBinding} parameter per slot, so a fetch renders no
 * SQL, while jOOQ still executes it: ExecuteListeners (the N+1 guard among them), exception translation and
 * bindings work as for any query. Immutable and thread-safe.
 */
public final class CompiledQuery {

    /** Starts every bind variable in the rendering; no SQL jOOQ renders contains it otherwise. */
    private static final String MARKER = "\u0001fp";

    private final String[] segments;
    private final Slot[] slots;
    private final List<Field<?>> fields;

    private CompiledQuery(String[] segments, Slot[] slots, List<Field<?>> fields) {
        this.segments = segments;
        this.slots = slots;
        this.fields = fields;
    }

    /** One bind variable of the compiled SQL. */
    private record Slot(Param<?> declared, DataType<?> bareType, boolean named) {
    }

    /**
     * Renders {@code query} as {@code configuration} would (dialect, Settings, VisitListeners) and remembers where
     * its bind variables are.
     *
     * @throws IllegalStateException if jOOQ's rendering and its list of parameters do not line up
     */
    public static CompiledQuery compile(Configuration configuration, Select<?> query) {
        return compile(configuration, query, List.copyOf(query.getSelect()));
    }

    /**
     * Like {@link #compile(Configuration, Select)}, reading its rows as {@code fields} (a union's first branch, say,
     * does not tell every column's type).
     */
    public static CompiledQuery compile(Configuration configuration, Select<?> query, List<Field<?>> fields) {
        // IN-list padding repeats the last bind value when jOOQ binds, but not when it renders named parameters;
        // a compiled plan's IN lists are fixed anyway, so there is nothing for padding to reuse.
        Settings settings = ((Settings) configuration.settings().clone())
                .withRenderNamedParamPrefix(MARKER)
                .withParamType(ParamType.NAMED)
                .withStatementType(StatementType.PREPARED_STATEMENT)
                .withInListPadding(false);
        DSLContext renderer = DSL.using(configuration.derive(settings));
        String rendered = renderer.renderNamedParams(query);
        Map<String, Param<?>> byName = renderer.extractParams(query);
        Iterator<Param<?>> unnamed = byName.values().stream().filter(param -> !param.isInline() && param.getParamName() == null)
                .toList().iterator();
        List<String> segments = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        int at = 0;
        for (int marker = rendered.indexOf(MARKER); marker >= 0; marker = rendered.indexOf(MARKER, at)) {
            segments.add(rendered.substring(at, marker));
            int nameStart = marker + MARKER.length();
            Param<?> declared = null;
            String name = null;
            String index = String.valueOf(slots.size() + 1);
            if (rendered.startsWith(index, nameStart) && unnamed.hasNext()
                    && !isNameCharacter(rendered, nameStart + index.length())) {
                declared = unnamed.next();
                name = index;
            } else {
                for (Param<?> candidate : byName.values()) {
                    String candidateName = candidate.getParamName();
                    if (candidateName != null && rendered.startsWith(candidateName, nameStart)
                            && (name == null || candidateName.length() > name.length())) {
                        declared = candidate;
                        name = candidateName;
                    }
                }
            }
            if (declared == null) {
                throw mismatch(rendered, "a bind variable it cannot attribute to a parameter at offset " + marker);
            }
            slots.add(new Slot(declared, bare(declared.getDataType()), declared.getParamName() != null));
            at = nameStart + name.length();
        }
        segments.add(rendered.substring(at));
        if (unnamed.hasNext()) {
            throw mismatch(rendered, "fewer bind variables than parameters");
        }
        CompiledQuery compiled = new CompiledQuery(segments.toArray(String[]::new), slots.toArray(Slot[]::new), List.copyOf(fields));
        compiled.checkValues(renderer.extractBindValues(query), rendered);
        return compiled;
    }

    /** The bind values in jOOQ's own order must be the slots' values: the attribution above is then right. */
    private void checkValues(List<Object> expected, String rendered) {
        if (expected.size() != slots.length) {
            throw mismatch(rendered, expected.size() + " bind values for " + slots.length + " bind variables");
        }
        for (int i = 0; i < slots.length; i++) {
            if (!Objects.deepEquals(expected.get(i), slots[i].declared().getValue())) {
                throw mismatch(rendered, "bind value " + (i + 1) + " is " + expected.get(i) + ", attributed " + slots[i].declared().getValue());
            }
        }
    }

    private static boolean isNameCharacter(String text, int at) {
        return at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_');
    }

    private static IllegalStateException mismatch(String rendered, String problem) {
        return new IllegalStateException("fetchplan could not compile this SQL (" + problem + "); please report it: "
                + rendered.replace(MARKER, ":"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static DataType<?> bare(DataType<?> type) {
        return type.asConvertedDataType(new BareBinding(type.getBinding()));
    }

    /**
     * The query with its slots bound: a constant keeps its value, a named parameter takes {@code values.apply}
     * of its declaration.
     */
    public ResultQuery<Record> bind(DSLContext dsl, Function<Param<?>, Object> values) {
        Param<?>[] bound = new Param<?>[slots.length];
        for (int i = 0; i < slots.length; i++) {
            Slot slot = slots[i];
            bound[i] = value(slot.bareType(), slot.named() ? values.apply(slot.declared()) : slot.declared().getValue());
        }
        // Coerced to the compiled select list: jOOQ then reads no ResultSetMetaData (for which pgjdbc would query the
        // catalog, a statement and a round trip more).
        return dsl.resultQuery("{0}", new Bound(segments, bound)).coerce(fields);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Param<?> value(DataType type, Object value) {
        return DSL.val(value, type);
    }

    /** The select list of the compiled query: what each column of its rows holds. */
    public List<Field<?>> fields() {
        return fields;
    }

    /** The SQL with {@code ?} for every bind variable, as the database receives it. */
    public String sql() {
        StringBuilder sql = new StringBuilder(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            sql.append('?').append(segments[i]);
        }
        return sql.toString();
    }

    /** The compiled text with one bound parameter per slot. */
    private static final class Bound extends CustomQueryPart {
        private static final long serialVersionUID = 1L;
        private final transient String[] segments;
        private final transient Param<?>[] values;

        Bound(String[] segments, Param<?>[] values) {
            this.segments = segments;
            this.values = values;
        }

        @Override
        public void accept(Context<?> context) {
            for (int i = 0; i < values.length; i++) {
                context.sql(segments[i]);
                context.visit(values[i]);
            }
            context.sql(segments[values.length]);
        }
    }
}
