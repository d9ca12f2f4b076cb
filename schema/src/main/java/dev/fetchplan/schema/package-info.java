/**
 * The blog schema: Flyway migrations in {@code db/fetchplan/blog} (the single source of truth) and the jOOQ classes
 * generated from them at build time in {@code dev.fetchplan.schema.jooq} ({@code Tables.USERS},
 * {@code Tables.POSTS}, {@code Tables.COMMENTS}, their keys and the paths between them).
 */
package dev.fetchplan.schema;
