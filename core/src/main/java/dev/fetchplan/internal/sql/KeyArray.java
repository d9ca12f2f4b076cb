package dev.fetchplan.internal.sql;

import java.lang.reflect.Array;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.Binding;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.conf.ParamType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The array parameter that carries one key column of a level's parents, typed as that column. For the common
 * key types it is bound as a typed JDBC array ({@code createArrayOf}) rather than jOOQ's text rendering of an
 * untyped array: pgjdbc then knows the parameter's type, so it need not describe the statement first, and a
 * statement it has not described may share its round trip with the next one (this is what lets the snapshot's
 * COMMIT ride on the last level). Other key types (keys with a converter, char(n) keys) keep jOOQ's own array
 * binding.
 */
public final class KeyArray {

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

    /** An empty array of {@code key}'s Java type, to be filled with parent key values. */
    public static Object[] newArray(Field<?> key, int length) {
        return (Object[]) Array.newInstance(key.getType(), length);
    }

    /** The named array parameter for the values of {@code key}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Param<Object[]> parameter(String name, Field<?> key) {
        DataType<Object[]> arrayType = (DataType) key.getDataType().getArrayDataType();
        Converter<?, ?> converter = key.getConverter();
        String elementType = ELEMENT_TYPES.get(key.getType());
        if (elementType == null || converter.fromType() != converter.toType() || !TEXT_TYPES_OR_NOT_TEXT.test(key.getDataType())) {
            return DSL.param(name, arrayType);
        }
        Class<Object[]> arrayClass = (Class<Object[]>) newArray(key, 0).getClass();
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
        return DSL.param(name, arrayType.asConvertedDataType(typed));
    }
}
