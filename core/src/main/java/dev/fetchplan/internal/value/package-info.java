/**
 * Not supported API. How values travel: read from the JDBC ResultSet, or encoded into and decoded from the JSON
 * MULTISET nests, exactly as jOOQ reads them from plain columns.
 */
package dev.fetchplan.internal.value;
