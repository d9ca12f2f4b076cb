package dev.fetchplan;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * A position in PostgreSQL's write-ahead log (an LSN such as {@code 16/B374D848}): what a caller holds after a
 * write so that a later read sees it ({@link ReadRouting#route(java.util.Optional)}). Take it with
 * {@link #current(DSLContext)} on the primary after the write committed. Immutable; ordered as the log is.
 */
public record WalPosition(long value) implements Comparable<WalPosition> {

    private static final Pattern TEXT = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");
    /** WAL pages and segments start with a header; an insert position right after one is where the previous record ended. */
    private static final long PAGE = 8192;
    private static final long SEGMENT = 16L * 1024 * 1024;
    private static final long PAGE_HEADER = 24;
    private static final long SEGMENT_HEADER = 40;

    /** The position in PostgreSQL's text form, {@code X/Y}: 1 to 8 hexadecimal digits on each side, as {@code pg_lsn} takes it. */
    public static WalPosition parse(String lsn) {
        Objects.requireNonNull(lsn, "lsn");
        Matcher matcher = TEXT.matcher(lsn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("lsn is '" + lsn + "'; allowed: PostgreSQL's pg_lsn text, such as 16/B374D848");
        }
        return new WalPosition(Long.parseLong(matcher.group(1), 16) << 32 | Long.parseLong(matcher.group(2), 16));
    }

    /**
     * The primary's current insert position ({@code pg_current_wal_insert_lsn()}): taken after a transaction committed,
     * it is at or past that transaction's commit record, even with {@code synchronous_commit = off} (where the commit
     * may not be written yet, so the write position {@code pg_current_wal_lsn()} can be behind it). One statement on
     * {@code primary}.
     */
    public static WalPosition current(DSLContext primary) {
        return parse(primary.fetchSingle("SELECT pg_current_wal_insert_lsn()::text").get(0, String.class)).recordEnd();
    }

    /**
     * This insert position as the end of the last record: right after a page or segment header (where the insert
     * position stands when the last record ended on the boundary) it is the boundary, which is what a replica's
     * {@code pg_last_wal_replay_lsn()} reports once it replayed that record.
     */
    WalPosition recordEnd() {
        if (Long.remainderUnsigned(value, SEGMENT) == SEGMENT_HEADER) {
            return new WalPosition(value - SEGMENT_HEADER);
        }
        if (Long.remainderUnsigned(value, PAGE) == PAGE_HEADER) {
            return new WalPosition(value - PAGE_HEADER);
        }
        return this;
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
        return String.format(Locale.ROOT, "%X/%X", value >>> 32, value & 0xFFFFFFFFL);
    }
}
