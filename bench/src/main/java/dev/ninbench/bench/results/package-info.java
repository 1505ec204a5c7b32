/**
 * Throughput figures as read back from JMH's JSON and a run's files: rows per engine, batch and mode, latency,
 * kernels and cold starts, and the statistics over rounds (median intervals, ratios, run-to-run shifts) that
 * {@code throughput} prints and {@code report} publishes.
 */
package dev.ninbench.bench.results;
