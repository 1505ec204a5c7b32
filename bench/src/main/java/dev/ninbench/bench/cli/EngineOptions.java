package dev.ninbench.bench.cli;

import picocli.CommandLine.Option;

/** Options every command that starts engines shares. */
public final class EngineOptions {
    @Option(names = "--threads", defaultValue = "0",
            description = "Compute threads per engine (0 = all cores). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    int threads() {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0 (0 = all cores), got " + threads);
        }
        return threads;
    }
}
