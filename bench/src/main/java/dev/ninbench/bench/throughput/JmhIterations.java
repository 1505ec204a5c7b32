package dev.ninbench.bench.throughput;

import java.util.Locale;

/** JMH's iterations: warm-up and measured, and the seconds of each. */
public record JmhIterations(int warmupIterations, double warmupSeconds, int iterations, double iterationSeconds) {
    /** "2 x 2.0 s warm-up, 3 x 2.0 s measured" */
    public String describe() {
        return String.format(Locale.ROOT, "%d x %.1f s warm-up, %d x %.1f s measured", warmupIterations,
                warmupSeconds, iterations, iterationSeconds);
    }
}
