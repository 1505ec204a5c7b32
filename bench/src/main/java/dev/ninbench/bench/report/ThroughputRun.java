package dev.ninbench.bench.report;

import dev.ninbench.bench.throughput.EngineThroughput;
import dev.ninbench.core.machine.Environment;

/**
 * One engine's results in one throughput run directory, with the machine and profile from its {@code run.json}.
 *
 * @param date    the day of the run (yyyy-MM-dd), from the run directory's name
 * @param threads the run's {@code --threads} (0: all cores)
 */
public record ThroughputRun(Environment machine, String runId, String profile, String date, EngineThroughput engine,
                            int threads) {
}
