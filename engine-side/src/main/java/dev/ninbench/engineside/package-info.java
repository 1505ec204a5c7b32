/**
 * What runs inside an engine JVM when the launcher measures an engine: the JMH benchmarks (one idea per class: a
 * training step, an inference, its latency, the peak kernels, the suite's overhead, the loader), their shared state
 * ({@link dev.ninbench.engineside.NinModelState}), and the cold start ({@link dev.ninbench.engineside.ColdStartMain},
 * which announces each {@link dev.ninbench.engineside.ColdStartEvent} on its standard output). The launcher puts this
 * module's jar beside the engine's own and names these classes; nothing here knows the launcher.
 */
package dev.ninbench.engineside;
