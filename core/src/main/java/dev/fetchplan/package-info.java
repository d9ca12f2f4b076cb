/**
 * fetchplan: typed fetch plans for jOOQ on PostgreSQL, for any schema. A {@link dev.fetchplan.FetchPlan} is a
 * tree of {@link dev.fetchplan.ToMany} levels, {@link dev.fetchplan.ToOne} joins and {@link dev.fetchplan.Count}s;
 * its results are immutable values, and the number of statements a fetch runs is a property of its plan, never
 * of the data. {@link dev.fetchplan.QueryGuard} catches the N+1 pattern in code outside plans. Packages named
 * {@code internal} are not supported API.
 */
package dev.fetchplan;
