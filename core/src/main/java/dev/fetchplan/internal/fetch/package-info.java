/**
 * Not supported API. The strategies that run a resolved plan (MULTISET, BATCHED), the snapshot transaction
 * BATCHED reads in, and the rows a mapper sees.
 */
package dev.fetchplan.internal.fetch;
