/**
 * One way to get a PostgreSQL for fetchplan's code generation, tests and example app: an embedded server
 * (zonky, real PostgreSQL binaries from Maven Central) by default, an external server when
 * {@code FETCHPLAN_JDBC_URL} is set, or a Testcontainers container when selected explicitly; an embedded server
 * that can be stopped and started again ({@link dev.fetchplan.postgres.RestartablePostgres}) and a primary with
 * streaming replicas ({@link dev.fetchplan.postgres.ReplicatedPostgres}) for fault and replica tests.
 * The library itself never depends on this module.
 */
package dev.fetchplan.postgres;
