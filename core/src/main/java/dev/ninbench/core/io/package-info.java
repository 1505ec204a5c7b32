/**
 * Writing files safely: {@link dev.ninbench.core.io.AtomicFiles}, the one way the suite replaces a run directory's
 * files (records, outcomes, step losses, weights), so that a reader never sees half a file and a failed write leaves no
 * temporary behind.
 */
package dev.ninbench.core.io;
