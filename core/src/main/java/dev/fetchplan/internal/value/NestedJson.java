package dev.fetchplan.internal.value;

import dev.fetchplan.internal.plan.Level;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Converter;
import org.jooq.Field;

/**
 * Decodes MULTISET's nested levels: the JSON that {@code json_agg(json_build_array(...))} builds, an array of
 * positional rows, each holding the level's payload values and then its children's arrays. It reads the text
 * once, straight into one array per row, and converts each value by the encoded column's database type and
 * converter (see {@link ExactJson}), instead of building a jOOQ Record per row through a generic JSON reader
 * (measured at ~40% of a MULTISET fetch). A column it does not read itself arrives as {@code [oid, text]} and is
 * left pending for {@link DelegatedValues}, which jOOQ reads once the whole result is decoded. Not thread-safe:
 * one instance reads one text.
 */
public final class NestedJson {

    private static final Map<Class<?>, Function<String, Object>> NUMBERS = Map.of(
            Long.class, Long::valueOf,
            Integer.class, Integer::valueOf,
            Short.class, Short::valueOf,
            BigDecimal.class, BigDecimal::new);
    private static final Map<Class<?>, Function<String, Object>> STRINGS = Map.of(
            String.class, text -> text,
            UUID.class, UUID::fromString);

    private final String text;
    private final DelegatedValues delegated;
    private int at;

    private NestedJson(String text, DelegatedValues delegated) {
        this.text = text;
        this.delegated = delegated;
    }

    /**
     * The rows in {@code json} (null when the parent has none) of the level {@code decoder} was made for: its
     * payload values, then each child level's rows. Delegated values are left pending in {@code delegated}.
     */
    public static List<Object[]> rows(Decoder decoder, String json, DelegatedValues delegated) {
        if (json == null) {
            return List.of();
        }
        NestedJson reader = new NestedJson(json, delegated);
        List<Object[]> rows = reader.level(decoder);
        reader.skipWhitespace();
        if (reader.at != json.length()) {
            throw reader.malformed("end of text");
        }
        return rows;
    }

    /**
     * How to read one nested level's rows: per payload column a type and converter, or the column itself when its
     * value is delegated to jOOQ; then the child levels. Immutable: made once per plan.
     */
    public record Decoder(Class<?>[] types, Converter<?, ?>[] converters, Field<?>[] delegated, boolean delegatesHere,
                          Decoder[] children) {

        /** The decoder for {@code level} and the levels below it. */
        public static Decoder of(Level level) {
            int columns = level.payload().size();
            Class<?>[] types = new Class<?>[columns];
            Converter<?, ?>[] converters = new Converter<?, ?>[columns];
            Field<?>[] delegated = new Field<?>[columns];
            boolean delegatesHere = false;
            for (int i = 0; i < columns; i++) {
                Field<?> column = level.payload().get(i);
                if (ExactJson.isDelegated(column)) {
                    delegated[i] = column;
                    delegatesHere = true;
                    continue;
                }
                Converter<?, ?> converter = ExactJson.encode(column).getConverter();
                types[i] = converter.fromType();
                converters[i] = converter.fromType() == converter.toType() ? null : converter;
            }
            Decoder[] children = new Decoder[level.children().size()];
            for (int i = 0; i < children.length; i++) {
                children[i] = of(level.children().get(i));
            }
            return new Decoder(types, converters, delegated, delegatesHere, children);
        }

        /** Whether this level or one below it has a delegated column. */
        public boolean delegates() {
            if (delegatesHere) {
                return true;
            }
            for (Decoder child : children) {
                if (child.delegates()) {
                    return true;
                }
            }
            return false;
        }
    }

    private List<Object[]> level(Decoder decoder) {
        List<Object[]> rows = new ArrayList<>();
        if (consumeNull()) {
            return rows;
        }
        expect('[');
        if (peek() == ']') {
            at++;
            return rows;
        }
        do {
            rows.add(row(decoder));
        } while (separator(']'));
        return rows;
    }

    private Object[] row(Decoder decoder) {
        int columns = decoder.types.length;
        Object[] row = new Object[columns + decoder.children.length];
        expect('[');
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                expect(',');
            }
            if (i >= columns) {
                row[i] = level(decoder.children[i - columns]);
            } else if (decoder.delegated[i] != null) {
                row[i] = pending();
            } else {
                row[i] = value(decoder.types[i], decoder.converters[i]);
            }
        }
        expect(']');
        if (decoder.delegatesHere()) {
            delegated.add(decoder, row);
        }
        return row;
    }

    /** {@code ["oid", "output text"]} or {@code ["oid", null]} (JSON renders an oid as a string). */
    private DelegatedValues.Pending pending() {
        expect('[');
        String number = string();
        int oid;
        try {
            oid = (int) Long.parseLong(number);  // pgjdbc holds an oid, unsigned, in an int
        } catch (NumberFormatException e) {
            throw malformed("a type OID");
        }
        expect(',');
        String value = consumeNull() ? null : string();
        expect(']');
        return new DelegatedValues.Pending(oid, value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object value(Class<?> type, Converter<?, ?> converter) {
        Object value = consumeNull() ? null : read(type);
        return converter == null ? value : ((Converter) converter).from(value);
    }

    private Object read(Class<?> type) {
        if (type == Boolean.class) {
            if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            throw malformed("true or false");
        }
        Function<String, Object> number = NUMBERS.get(type);
        if (number != null) {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            if (start == at) {
                if (at < text.length() && text.charAt(at) == '"') {
                    throw ResultSetRows.unreadable("a nested value is '" + string() + "'", type);
                }
                throw malformed("a number");
            }
            return number.apply(text.substring(start, at));
        }
        return STRINGS.get(type).apply(string());
    }

    private String string() {
        expect('"');
        StringBuilder decoded = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw malformed("closing quote");
            }
            char next = text.charAt(at);
            if (next == '"') {
                String plain = text.substring(start, at++);
                return decoded == null ? plain : decoded.append(plain).toString();
            }
            if (next == '\\') {
                if (decoded == null) {
                    decoded = new StringBuilder();
                }
                decoded.append(text, start, at);
                at++;
                decoded.append(escaped());
                start = at;
            } else {
                at++;
            }
        }
    }

    private char escaped() {
        if (at >= text.length()) {
            throw malformed("an escape");
        }
        char escape = text.charAt(at++);
        return switch (escape) {
            case '"', '\\', '/' -> escape;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                if (at + 4 > text.length()) {
                    throw malformed("four hex digits");
                }
                char unicode = (char) Integer.parseInt(text, at, at + 4, 16);
                at += 4;
                yield unicode;
            }
            default -> throw malformed("an escape");
        };
    }

    private boolean consumeNull() {
        skipWhitespace();
        if (text.startsWith("null", at)) {
            at += 4;
            return true;
        }
        return false;
    }

    /** After an element: true at a comma (another follows), false at {@code close}. */
    private boolean separator(char close) {
        skipWhitespace();
        if (at < text.length() && text.charAt(at) == ',') {
            at++;
            return true;
        }
        expect(close);
        return false;
    }

    private void expect(char expected) {
        skipWhitespace();
        if (at >= text.length() || text.charAt(at) != expected) {
            throw malformed("'" + expected + "'");
        }
        at++;
    }

    private char peek() {
        skipWhitespace();
        return at < text.length() ? text.charAt(at) : 0;
    }

    private void skipWhitespace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalStateException malformed(String expected) {
        return new IllegalStateException("unexpected MULTISET JSON at offset " + at + ": expected " + expected + " in "
                + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
}
