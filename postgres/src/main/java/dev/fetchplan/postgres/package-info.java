/**
 * One way to get a PostgreSQL for fetchplan's code generation, tests and example app: an embedded server
 * (zonky, real PostgreSQL binaries from Maven Central) by default, an external server when
 * {@code FETCHPLAN_JDBC_URL} is set, or a Testcontainers container when selected explicitly.
 * The library itself never depends on this module.
 */
package dev.fetchplan.postgres;
