/**
 * NiN on TensorFlow Java: the tuned path (one graph of the spec's operations with its own gradients,
 * {@link dev.ninbench.tf.NinGraph}) and the idiomatic one, each a {@link dev.ninbench.core.engine.Backend} found
 * through {@link java.util.ServiceLoader}.
 */
package dev.ninbench.tf;
