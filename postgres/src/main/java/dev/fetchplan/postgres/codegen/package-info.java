/**
 * Build-time jOOQ code generation from the Flyway migrations on a real PostgreSQL. Run by the schema module
 * during {@code generate-sources}; not used at run time.
 */
package dev.fetchplan.postgres.codegen;
