/**
 * The reference row: PyTorch running the d2l code in a Python child process, trained by the same loop as every
 * engine ({@link dev.ninbench.bench.pytorch.PyTorchTraining}) and timed as JMH times the engines
 * ({@link dev.ninbench.bench.pytorch.PyTorchThroughput}).
 */
package dev.ninbench.bench.pytorch;
