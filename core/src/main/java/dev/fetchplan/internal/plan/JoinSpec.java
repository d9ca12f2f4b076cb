package dev.fetchplan.internal.plan;

import java.util.List;
import org.jooq.Field;

/**
 * A to-one relation as declared: the joined node and how the referencing node points at it.
 *
 * @param relation the public object that names the relation (a {@code ToOne})
 * @param link the referencing node's columns
 * @param targetKey the joined table's unique columns they reference, in the same order
 * @param optional whether a row may have no target (an outer join, and a null value)
 * @param declaredUnique whether the target key is known unique (a foreign key's, or a declared key of the table);
 *                       if not, the caller vouched for it
 */
public record JoinSpec(Object relation, NodeSpec node, List<Field<?>> link, List<Field<?>> targetKey, boolean optional,
                       boolean declaredUnique) {
}
