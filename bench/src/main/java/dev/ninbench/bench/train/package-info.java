/**
 * A training run: PyTorch's row and then each engine, one after another, into one run directory
 * ({@link dev.ninbench.bench.train.TrainingRun}), with the progress shown while they train and the table printed at
 * the end.
 */
package dev.ninbench.bench.train;
