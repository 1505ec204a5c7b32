package dev.ninbench.bench.profile;

import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A named set of run settings, kept in {@code profiles/<name>.json} on the classpath. Command-line flags override
 * single values.
 *
 * @param trainLimit first N training images (0 = all 60,000)
 * @param testLimit  first N test images (0 = all 10,000)
 * @param throughput what {@code nin-bench throughput} runs under this profile
 */
public record Profile(String name, String description, int inputSide, int trainLimit, int testLimit, int epochs,
                      int batchSize, double learningRate, Throughput throughput) {

    /**
     * Settings of {@code nin-bench throughput}: the benchmarks run at {@code inputSide} for every batch size, with
     * JMH's forks, warm-up and measurement iterations (iteration times in seconds), in each of {@code rounds}.
     *
     * @param rounds  how many times every engine and PyTorch row is measured, interleaved (A B C P, A B C P, ...:
     *                {@code ThroughputRounds}); the JMH settings are those of one round. 1 in runs written before
     *                rounds (there, 0 when read back).
     * @param latency the inference latency pass after the rounds; {@link Latency#NONE} in older runs
     * @param coldStartRuns how many fresh processes time each engine's (and PyTorch's) cold start, once per run after
     *               the rounds ({@code ColdStart}); 0: not measured, as in runs written before cold starts (their key
     *               is missing, which reads back as 0)
     */
    public record Throughput(int inputSide, List<Integer> batchSizes, int forks, int warmupIterations,
                             double warmupSeconds, int iterations, double iterationSeconds, Peak peak, int rounds,
                             Latency latency, int coldStartRuns) {
        public Throughput {
            peak = peak == null ? Peak.NONE : peak;
            rounds = rounds == 0 ? 1 : rounds;
            latency = latency == null ? Latency.NONE : latency;
        }
    }

    /**
     * JMH settings of the latency benchmark (sample mode: every call timed), run once per engine variant and PyTorch
     * row after the rounds, at its own small batch sizes.
     *
     * @param batchSizes the batch sizes to time; none: no latency pass
     */
    public record Latency(List<Integer> batchSizes, int forks, int warmupIterations, double warmupSeconds,
                          int iterations, double iterationSeconds) {
        public static final Latency NONE = new Latency(List.of(), 1, 0, 1, 1, 1);

        public Latency {
            batchSizes = batchSizes == null ? List.of() : List.copyOf(batchSizes);
        }
    }

    /**
     * JMH settings of the {@code peak} benchmark, run in the same engine JVM after the others: its own, because each
     * kernel op takes ~10-100 ms and settles within a few seconds, where the profile's would spend minutes per kernel.
     *
     * @param kernels the {@code Kernel} names to run; none: no peak benchmark
     */
    public record Peak(List<String> kernels, int forks, int warmupIterations, double warmupSeconds, int iterations,
                       double iterationSeconds) {
        public static final Peak NONE = new Peak(List.of(), 1, 0, 1, 1, 1);

        public Peak {
            kernels = kernels == null ? List.of() : List.copyOf(kernels);
        }
    }

    public static final List<String> NAMES = List.of("smoke", "cpu", "seeds", "d2l");

    public static Profile named(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown profile '" + name + "'; valid profiles: " + String.join(", ", NAMES));
        }
        try (InputStream in = Profile.class.getResourceAsStream("/profiles/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("profile " + name + " is missing from the bench jar (profiles/" + name + ".json)");
            }
            return Json.MAPPER.readValue(in, Profile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("profiles/" + name + ".json: " + e.getMessage(), e);
        }
    }
}
