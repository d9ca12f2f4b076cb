package dev.fetchplan;

import java.util.Objects;
import org.jooq.DSLContext;

/**
 * A position in PostgreSQL's write-ahead log (an LSN such as {@code 16/B374D848}): what a caller holds after a
 * write so that a later read sees it ({@link ReadRouting#route(java.util.Optional)}). Take it with
 * {@link #current(DSLContext)} on the primary after the write committed. Immutable; ordered as the log is.
 */
public record WalPosition(long value) implements Comparable<WalPosition> {

    /** The position in PostgreSQL's text form, {@code X/Y} in hexadecimal. */
    public static WalPosition parse(String lsn) {
        Objects.requireNonNull(lsn, "lsn");
        int slash = lsn.indexOf('/');
        try {
            if (slash > 0) {
                return new WalPosition(Long.parseUnsignedLong(lsn.substring(0, slash), 16) << 32 | Long.parseUnsignedLong(lsn.substring(slash + 1), 16));
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("lsn is '" + lsn + "'; allowed: PostgreSQL's pg_lsn text, such as 16/B374D848");
    }

    /**
     * The primary's current insert position ({@code pg_current_wal_insert_lsn()}): taken after a transaction committed,
     * it is at or past that transaction's commit record, even with {@code synchronous_commit = off} (where the commit
     * may not be written yet, so the write position {@code pg_current_wal_lsn()} can be behind it). One statement on
     * {@code primary}.
     */
    public static WalPosition current(DSLContext primary) {
        return parse(primary.fetchSingle("SELECT pg_current_wal_insert_lsn()::text").get(0, String.class));
    }

    public boolean isAtOrPast(WalPosition other) {
        return Long.compareUnsigned(value, other.value) >= 0;
    }

    @Override
    public int compareTo(WalPosition other) {
        return Long.compareUnsigned(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toHexString(value >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }
}
