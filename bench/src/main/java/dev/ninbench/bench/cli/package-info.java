/**
 * The commands and their options (picocli), and nothing else: each command checks its input, then hands the work
 * to {@code train}, {@code throughput}, {@code compare} or {@code report}.
 */
package dev.ninbench.bench.cli;
