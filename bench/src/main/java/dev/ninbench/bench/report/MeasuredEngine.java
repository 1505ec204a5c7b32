package dev.ninbench.bench.report;

import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.core.machine.Environment;

/**
 * One engine's results in one throughput run directory, with the machine and profile from its {@code run.json}.
 *
 * @param date    the day of the run (yyyy-MM-dd), from the run directory's name
 * @param threads the run's {@code --threads} (0: all cores)
 * @param suite   the suite's commit that made the run (its {@code run.json}); null when it was not recorded
 * @param partial "partial: 2 of 5 rounds" for a run that stopped between rounds (its figures are those of the
 *                rounds it finished); null for a finished run
 */
public record MeasuredEngine(Environment machine, String runId, String profile, String date, EngineThroughput engine,
                            int threads, SuiteVersion suite, String partial) {
    /** A finished run. */
    public MeasuredEngine(Environment machine, String runId, String profile, String date, EngineThroughput engine,
                          int threads, SuiteVersion suite) {
        this(machine, runId, profile, date, engine, threads, suite, null);
    }

    /** A run whose suite commit is not known. */
    public MeasuredEngine(Environment machine, String runId, String profile, String date, EngineThroughput engine,
                         int threads) {
        this(machine, runId, profile, date, engine, threads, null, null);
    }

    /** Its compute threads as every table and CSV shows them ({@code ThroughputTable.threads}). */
    public String computeThreads() {
        return dev.ninbench.bench.throughput.ThroughputTable.threads(engine.info(), threads, machine.cores());
    }

    /** The commit's first 7 hex digits ("+ changes" when the tree was modified), or "?" when not recorded. */
    public String commit() {
        return suite == null || suite.commit() == null ? "?"
                : suite.commit().substring(0, Math.min(7, suite.commit().length())) + (suite.modified() ? "+changes" : "");
    }
}
