/**
 * A run directory's own files besides the records: what was asked ({@link dev.ninbench.bench.rundir.RunSettings},
 * {@code run.json}), how each engine ended ({@link dev.ninbench.bench.rundir.EngineOutcomes}, {@code engines.json}),
 * its resumes ({@link dev.ninbench.bench.rundir.RunResume}, {@code resumes.jsonl}), its name, and the suite commit
 * that made it.
 */
package dev.ninbench.bench.rundir;
