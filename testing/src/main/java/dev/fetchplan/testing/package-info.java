/**
 * Test fixtures on real PostgreSQL: {@link dev.fetchplan.testing.TestDatabase} gives each test class a fresh
 * database cloned from a migrated template, a {@code DSLContext}, and fails a test that leaks a connection.
 */
package dev.fetchplan.testing;
