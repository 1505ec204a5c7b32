/**
 * Fashion-MNIST and how every engine sees it: the IDX reader with its checks ({@link dev.ninbench.core.data.Idx}),
 * the loader that finds the files in a directory, the environment variable, the Debian package or the official mirror
 * ({@link dev.ninbench.core.data.FashionMnist}), and the deterministic batching ({@link dev.ninbench.core.data.Epochs}:
 * the same batches in the same order for a seed, whichever engine or process asks).
 */
package dev.ninbench.core.data;
