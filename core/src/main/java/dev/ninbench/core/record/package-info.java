/**
 * A run's records: one JSON line per finished epoch ({@link dev.ninbench.core.record.RunRecord}), appended and
 * read back line by line so that a damaged line costs only itself ({@link dev.ninbench.core.record.RunRecords}), with
 * the machine's paths written portably ({@link dev.ninbench.core.record.PortablePaths}).
 */
package dev.ninbench.core.record;
