/**
 * The {@code nin-bench} launcher: {@link dev.ninbench.bench.NinBench} is its entry point. It runs in a JVM with no
 * engine on its classpath and starts each engine in a child JVM of its own (a native crash takes only that child).
 * Its packages, from the top: {@code cli} (the commands), {@code train}, {@code throughput} and {@code compare} (what
 * the commands run), {@code report} (the published tables and charts), and below them {@code launch} (engine
 * processes), {@code pytorch} (the reference row), {@code rundir} (a run directory's files), {@code results} (the
 * throughput figures as read back) and {@code profile}.
 */
package dev.ninbench.bench;
