package dev.fetchplan;

import java.lang.reflect.Array;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.Binding;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The one array parameter that carries a level's parent keys. For the common key types it is bound as a typed
 * JDBC array ({@code createArrayOf}) rather than jOOQ's text rendering of an untyped array: pgjdbc then knows
 * the parameter's type, so it need not describe the statement first, and a statement it has not described
 * may share its round trip with the next one (this is what lets the snapshot's COMMIT ride on the last
 * level). Other key types (keys with a converter, char(n) keys) keep jOOQ's own array binding.
 */
final class KeyArray {

    private static final Map<Class<?>, String> ELEMENT_TYPES = Map.of(
            Long.class, "bigint",
            Integer.class, "integer",
            Short.class, "smallint",
            String.class, "text",
            UUID.class, "uuid");

    /** String keys only from text/varchar columns: text[] would strip char(n)'s padding and never match. */
    private static final Predicate<DataType<?>> TEXT_TYPES_OR_NOT_TEXT = type -> type.getType() != String.class
            || type.getSQLDataType() == SQLDataType.CLOB || type.getSQLDataType() == SQLDataType.VARCHAR
            || type.getSQLDataType() == SQLDataType.LONGVARCHAR;

    private KeyArray() {
    }

    /** {@code keys}, converted to {@code link}'s type already, as one array parameter of that type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Field<Object[]> of(Field<?> link, Collection<Object> keys) {
        Object[] array = keys.toArray((Object[]) Array.newInstance(link.getType(), keys.size()));
        DataType<Object[]> arrayType = (DataType) link.getDataType().getArrayDataType();
        Converter<?, ?> converter = link.getConverter();
        String elementType = ELEMENT_TYPES.get(link.getType());
        if (elementType == null || converter.fromType() != converter.toType() || !TEXT_TYPES_OR_NOT_TEXT.test(link.getDataType())) {
            return DSL.val(array, arrayType);
        }
        Class<Object[]> arrayClass = (Class<Object[]>) array.getClass();
        Binding<Object[], Object[]> typed = Binding.of(Converter.ofNullable(arrayClass, arrayClass, value -> value, value -> value),
                sql -> {
                    if (sql.render().paramType() == ParamType.INLINED) {
                        sql.render().visit(DSL.inline(sql.value(), arrayType));
                    } else {
                        sql.render().sql("cast(").sql(sql.variable()).sql(" as " + elementType + "[])");
                    }
                },
                get -> {
                    throw new UnsupportedOperationException("a key array is a parameter, never read back");
                },
                set -> {
                    try {
                        set.statement().setArray(set.index(), set.statement().getConnection().createArrayOf(elementType, set.value()));
                    } catch (SQLException e) {
                        throw new DataAccessException("binding the parent keys as " + elementType + "[] failed: " + e.getMessage(), e);
                    }
                });
        return DSL.val(array, arrayType.asConvertedDataType(typed));
    }
}
