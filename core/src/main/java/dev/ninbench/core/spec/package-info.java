/**
 * The network as data: NiN's layers with their shapes, parameter count and FLOPs
 * ({@link dev.ninbench.core.spec.NinSpec}), and the sealed list of operations every engine translates
 * ({@link dev.ninbench.core.spec.NinOps}), so that the compiler finds an engine that forgets one.
 */
package dev.ninbench.core.spec;
