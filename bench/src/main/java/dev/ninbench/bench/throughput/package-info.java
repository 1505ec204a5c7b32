/**
 * Throughput runs: the JMH benchmarks of each engine JVM ({@link dev.ninbench.bench.throughput.JmhRunner}) and
 * PyTorch's, interleaved in rounds ({@link dev.ninbench.bench.throughput.ThroughputRounds}), the thread scaling, the
 * cold starts and the loader's rates.
 */
package dev.ninbench.bench.throughput;
