/**
 * Not supported API. SQL rendered once per plan shape and bound per fetch
 * ({@link dev.fetchplan.internal.sql.CompiledQuery}), and the array parameters that carry parent keys.
 */
package dev.fetchplan.internal.sql;
