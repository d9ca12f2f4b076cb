package dev.fetchplan;

import java.time.Instant;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The test-only {@code notes} table (migration {@code db/library-test}) as plain jOOQ names, not generated
 * classes: nullable columns, a nullable link to users, and no key metadata.
 */
final class Notes {

    static final Table<?> NOTES = DSL.table(DSL.name("notes"));
    static final Field<Long> NOTE_ID = DSL.field(DSL.name("notes", "id"), SQLDataType.BIGINT);
    static final Field<Long> NOTE_USER_ID = DSL.field(DSL.name("notes", "user_id"), SQLDataType.BIGINT);
    static final Field<Long> NOTE_REVIEWER_ID = DSL.field(DSL.name("notes", "reviewer_id"), SQLDataType.BIGINT);
    static final Field<String> NOTE_TEXT = DSL.field(DSL.name("notes", "text"), SQLDataType.CLOB);
    static final Field<Integer> NOTE_RATING = DSL.field(DSL.name("notes", "rating"), SQLDataType.INTEGER);
    static final Field<Instant> NOTE_REVIEWED_AT = DSL.field(DSL.name("notes", "reviewed_at"), SQLDataType.INSTANT);

    private Notes() {
    }
}
