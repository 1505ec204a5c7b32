/**
 * NiN on DJL with its PyTorch engine: the tuned path ({@link dev.ninbench.djl.DjlModel}, the spec's operations on
 * NDArrays, channels-last) and the idiomatic one ({@link dev.ninbench.djl.DjlBlockModel}, DJL's blocks and
 * trainer), each a {@link dev.ninbench.core.engine.Backend} found through {@link java.util.ServiceLoader}.
 */
package dev.ninbench.djl;
