/**
 * fetchplan's implementation: not supported API. Nothing here is covered by compatibility promises; use the
 * types in {@code dev.fetchplan}.
 */
package dev.fetchplan.internal;
