package dev.fetchplan.internal.plan;

import java.util.List;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The link table of a many-to-many level: it is joined to the level's table inside the level's own derived
 * table, so the link costs no level and no statement.
 *
 * @param table the link table
 * @param link the link table's columns that reference the target
 * @param targetKey the target table's columns they reference
 */
public record Through(Table<?> table, List<Field<?>> link, List<Field<?>> targetKey) {
}
