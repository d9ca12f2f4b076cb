package dev.fetchplan.internal.fetch;

import dev.fetchplan.internal.sql.KeyArray;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;

/**
 * The distinct parent keys of a level's rows, one array per key column, and each row's 1-based position in them
 * (written into the row where its first key column was; null when a key column is null, as such a row has no
 * children). Rows with equal keys share a position; "equal" here only saves sending a key twice, so it may be
 * stricter than the database's equality (then the database simply matches both). Belongs to one fetch.
 */
final class ParentKeys {

    private final List<Field<?>> key;
    private final List<Object[]> tuples = new ArrayList<>();
    private final Map<Object, Integer> positions = new HashMap<>();

    private ParentKeys(List<Field<?>> key) {
        this.key = key;
    }

    static ParentKeys collect(List<Object[]> rows, int first, List<Field<?>> key) {
        ParentKeys keys = new ParentKeys(key);
        for (Object[] row : rows) {
            Object[] tuple = Arrays.copyOfRange(row, first, first + key.size());
            if (Arrays.asList(tuple).contains(null)) {
                row[first] = null;
                continue;
            }
            row[first] = keys.positions.computeIfAbsent(identity(tuple), unused -> {
                keys.tuples.add(tuple);
                return keys.tuples.size();
            });
        }
        return keys;
    }

    /** The position of a single-column key value, as read back from a child's link. */
    int position(Object value) {
        return positions.get(byContent(value));
    }

    /** How many distinct keys there are. */
    int count() {
        return tuples.size();
    }

    /** The values of key column {@code column}, in position order, as an array of its type. */
    Object[] column(int column) {
        Object[] values = KeyArray.newArray(key.get(column), tuples.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = tuples.get(i)[column];
        }
        return values;
    }

    /** A key's values compared by content (a byte[] by its bytes). */
    private static Object identity(Object[] tuple) {
        if (tuple.length == 1) {
            return byContent(tuple[0]);
        }
        List<Object> values = new ArrayList<>(tuple.length);
        for (Object value : tuple) {
            values.add(byContent(value));
        }
        return values;
    }

    private static Object byContent(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        return value instanceof Object[] array ? Arrays.asList(array) : value;
    }
}
