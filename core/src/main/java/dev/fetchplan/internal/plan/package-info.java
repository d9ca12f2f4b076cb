/**
 * Not supported API. A plan as declared ({@link dev.fetchplan.internal.plan.NodeSpec} and its relations) and as
 * resolved for SQL ({@link dev.fetchplan.internal.plan.Plan}): aliases, derived tables, row layouts, per-fetch
 * values.
 */
package dev.fetchplan.internal.plan;
