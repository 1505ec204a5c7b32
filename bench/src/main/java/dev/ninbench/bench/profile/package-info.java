/**
 * Named sets of run settings ({@code smoke}, {@code cpu}, {@code seeds}, {@code d2l}), kept as JSON in the bench
 * jar; flags override single values.
 */
package dev.ninbench.bench.profile;
