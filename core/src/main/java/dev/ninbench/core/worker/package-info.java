/**
 * What an engine JVM does when the launcher starts it: read a {@link dev.ninbench.core.worker.Job}, train or
 * compute outputs, and report back as {@link dev.ninbench.core.worker.WorkerEvent}s; with the run directory's pieces
 * that a worker writes and a resume reads (checkpoints, per-step losses, the lock, the point to resume from).
 */
package dev.ninbench.core.worker;
