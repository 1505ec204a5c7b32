package dev.ninbench.bench.cli;

import dev.ninbench.bench.throughput.JmhIterations;
import picocli.CommandLine.Option;

/**
 * JMH's iteration settings, for the commands that run JMH (throughput, scaling, overhead): declared once here, each
 * command giving its own defaults ({@code throughput}: the profile's). A value left out is null until then.
 */
public final class JmhOptions {
    @Option(names = "--warmup-iterations", paramLabel = "N",
            description = "JMH warm-up iterations. Default: the profile's (throughput), 1 (scaling), 3 (overhead).")
    Integer warmupIterations;

    @Option(names = "--warmup-time", paramLabel = "SECONDS",
            description = "Seconds per warm-up iteration. Default: the profile's (throughput), else 2.")
    Double warmupSeconds;

    @Option(names = "--iterations", paramLabel = "N",
            description = "JMH measurement iterations. Default: the profile's (throughput), 2 (scaling), 5 (overhead).")
    Integer iterations;

    @Option(names = "--iteration-time", paramLabel = "SECONDS",
            description = "Seconds per measurement iteration (an iteration runs whole steps, so a slow step lengthens "
                    + "it). Default: the profile's (throughput), else 2.")
    Double iterationSeconds;

    /**
     * The settings given, the command's {@code defaults} for the rest; refused in one line where JMH would refuse
     * them later, after engines started.
     */
    public JmhIterations resolve(JmhIterations defaults) {
        JmhIterations it = new JmhIterations(warmupIterations != null ? warmupIterations : defaults.warmupIterations(),
                warmupSeconds != null ? warmupSeconds : defaults.warmupSeconds(),
                iterations != null ? iterations : defaults.iterations(),
                iterationSeconds != null ? iterationSeconds : defaults.iterationSeconds());
        if (it.warmupIterations() < 0 || it.iterations() < 1 || !(it.warmupSeconds() >= 0)
                || !(it.iterationSeconds() > 0)) {
            throw new IllegalArgumentException("JMH needs --iterations >= 1, --warmup-iterations >= 0, --warmup-time "
                    + ">= 0 and --iteration-time > 0; got " + it.describe());
        }
        return it;
    }
}
