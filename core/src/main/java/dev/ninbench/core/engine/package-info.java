/**
 * The engine SPI: what a module must provide to plug an engine in through {@link java.util.ServiceLoader}
 * ({@link dev.ninbench.core.engine.Backend}, and the {@link dev.ninbench.core.engine.Model} it opens), what it says
 * about itself ({@link dev.ninbench.core.engine.BackendInfo}), engine names and variants
 * ({@link dev.ninbench.core.engine.EngineName}), devices and the kernels the peak benchmark times.
 */
package dev.ninbench.core.engine;
