/**
 * Whether the engines compute the same thing: their outputs and training steps side by side with PyTorch's,
 * within stated tolerances.
 */
package dev.ninbench.bench.compare;
