package dev.fetchplan.internal.plan;

import java.util.List;
import java.util.OptionalInt;
import org.jooq.Field;

/**
 * A to-many relation as declared: the child level, how its rows point at the parent, and its default limit.
 *
 * @param relation the public object that names the relation (a {@code ToMany}); mappers ask for it by identity
 * @param link the child's columns (of its table or its link table) that hold the parent's key
 * @param parentKey the parent's columns they reference, in the same order
 */
public record ChildSpec(Object relation, NodeSpec node, List<Field<?>> link, List<Field<?>> parentKey, OptionalInt limitPerParent) {
}
