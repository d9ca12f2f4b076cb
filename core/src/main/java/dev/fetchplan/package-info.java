/**
 * fetchplan: typed fetch plans for jOOQ on PostgreSQL. Results are immutable records; the number of
 * statements a fetch runs is a property of its plan, never of the data.
 */
package dev.fetchplan;
