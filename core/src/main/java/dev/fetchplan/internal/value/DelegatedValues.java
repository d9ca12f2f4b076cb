package dev.fetchplan.internal.value;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Configuration;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.postgresql.core.BaseStatement;
import org.postgresql.core.Tuple;

/**
 * The nested values a MULTISET fetch leaves to jOOQ (see {@link ExactJson}): each arrived as its type's OID and
 * its output text, as PostgreSQL sends a column in the text protocol. They are put in a pgjdbc result set of
 * those types ({@code createDriverResultSet}: no statement, no round trip) and read by jOOQ with the columns' own
 * bindings and converters — what jOOQ reads from the plain columns, by construction. One result set per nested
 * level of a fetch. Needs pgjdbc (an optional dependency): without it such plans use jOOQ's MULTISET. Belongs to
 * one fetch.
 */
public final class DelegatedValues {

    private static final boolean PGJDBC = isPresent("org.postgresql.core.BaseStatement");

    /** A value still to be read: its type's OID and its output text (null for SQL NULL). */
    record Pending(int oid, String text) {
    }

    private final Map<NestedJson.Decoder, List<Object[]>> rows = new IdentityHashMap<>();

    /** Whether delegated values can be read here (pgjdbc is on the class path). */
    public static boolean available() {
        return PGJDBC;
    }

    void add(NestedJson.Decoder decoder, Object[] row) {
        rows.computeIfAbsent(decoder, key -> new ArrayList<>()).add(row);
    }

    /**
     * Reads every pending value with jOOQ, through a pgjdbc result set made on {@code connection} (the fetch's own,
     * still held: pgjdbc reads types through it); nothing is sent to the server for the result set itself.
     */
    public void resolve(Connection connection, Configuration configuration) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<NestedJson.Decoder, List<Object[]>> level : rows.entrySet()) {
                resolve(level.getKey(), level.getValue(), statement, configuration);
            }
        }
    }

    private static void resolve(NestedJson.Decoder decoder, List<Object[]> rows, Statement statement, Configuration configuration)
            throws SQLException {
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < decoder.delegated().length; i++) {
            if (decoder.delegated()[i] != null) {
                columns.add(i);
            }
        }
        int[] oids = new int[columns.size()];
        Field<?>[] fields = new Field<?>[columns.size()];
        List<byte[][]> texts = new ArrayList<>(rows.size());
        for (int j = 0; j < fields.length; j++) {
            fields[j] = decoder.delegated()[columns.get(j)];
            oids[j] = ((Pending) rows.get(0)[columns.get(j)]).oid();
        }
        for (Object[] row : rows) {
            byte[][] text = new byte[fields.length][];
            for (int j = 0; j < fields.length; j++) {
                String value = ((Pending) row[columns.get(j)]).text();
                text[j] = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
            }
            texts.add(text);
        }
        Result<Record> read = DSL.using(configuration).fetch(Pgjdbc.resultSet(statement, oids, texts), fields);
        for (int r = 0; r < rows.size(); r++) {
            for (int j = 0; j < fields.length; j++) {
                rows.get(r)[columns.get(j)] = read.get(r).get(j);
            }
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, DelegatedValues.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when pgjdbc is on the class path. */
    private static final class Pgjdbc {

        static ResultSet resultSet(Statement statement, int[] oids, List<byte[][]> texts) throws SQLException {
            org.postgresql.core.Field[] fields = new org.postgresql.core.Field[oids.length];
            for (int j = 0; j < oids.length; j++) {
                fields[j] = new org.postgresql.core.Field("v" + j, oids[j]);
            }
            List<Tuple> tuples = new ArrayList<>(texts.size());
            for (byte[][] text : texts) {
                tuples.add(new Tuple(text));
            }
            return statement.unwrap(BaseStatement.class).createDriverResultSet(fields, tuples);
        }
    }
}
