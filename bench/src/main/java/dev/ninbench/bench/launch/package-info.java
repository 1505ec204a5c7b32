/**
 * Engine processes: which engines are installed ({@link dev.ninbench.bench.launch.EngineCatalog}), how each
 * engine's child JVM is started with its own classpath and settings ({@link dev.ninbench.bench.launch.EngineFolder}),
 * and how its events, failures and exit are read ({@link dev.ninbench.bench.launch.EngineLauncher}).
 */
package dev.ninbench.bench.launch;
