package dev.fetchplan.internal.plan;

import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;

/**
 * A child-row count as declared.
 *
 * @param relation the public object that names the count (a {@code Count})
 * @param table the counted table
 * @param link its columns that hold the parent's key
 * @param parentKey the parent's columns they reference
 * @param filter which rows count ({@code noCondition()} when all)
 */
public record CountSpec(Object relation, Table<?> table, List<Field<?>> link, List<Field<?>> parentKey, Condition filter) {
}
