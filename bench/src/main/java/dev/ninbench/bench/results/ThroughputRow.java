package dev.ninbench.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ninbench.core.spec.NinSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One JMH result of one engine: a benchmark ({@link #TRAIN} or {@link #INFERENCE}) at one batch size and input
 * side, as printed and as written to {@code throughput.json} (with the derived figures). JMH measures batches per second (its throughput mode, one operation = one batch); images per second is
 * that times the batch size, and JMH's error (half the 99.9 % confidence interval) scales the same way.
 *
 * @param opsPerSecond batches per second, JMH's score
 * @param opsError     JMH's score error in batches per second (NaN when there were too few iterations for one)
 * @param peakRssBytes peak resident memory of the JMH fork that ran it ({@code VmHWM}, the largest over its forks;
 *                     -1 when unknown)
 * @param peakDeviceBytes peak GPU memory of that fork as {@code nvidia-smi} saw it while it ran (the largest over its
 *                     forks); 0 on the CPU, and in results written before it was measured
 * @param rounds       batches per second in each round of a run in rounds (JMH's score of that round; NaN where the
 *                     round has none), in order; then {@code opsPerSecond} is their median and {@code opsError} NaN
 *                     ({@link #imagesOverRounds} gives the interval). Empty for a run in one go.
 * @param coresBusy    CPU time over wall time of the measured iterations (the mean of its forks; the median of the
 *                     rounds'): how many cores the engine kept busy, to tell whether it kept to its thread count;
 *                     NaN where not measured (results written before it)
 */
// the derived figures are written for readers of throughput.json, and recomputed when it is read back
@JsonIgnoreProperties(value = {"imagesPerSecond", "imagesError", "gflops", "imagesOverRounds"}, allowGetters = true)
public record ThroughputRow(String benchmark, int batchSize, int inputSide, double opsPerSecond, double opsError,
                            long peakRssBytes, long peakDeviceBytes, List<Double> rounds, double coresBusy) {
    public static final String TRAIN = "train";
    public static final String INFERENCE = "inference";

    public ThroughputRow {
        rounds = rounds == null ? List.of() : List.copyOf(rounds);
        coresBusy = coresBusy > 0 ? coresBusy : Double.NaN; // a missing key reads back as 0
    }

    /** A row without the cores busy. */
    public ThroughputRow(String benchmark, int batchSize, int inputSide, double opsPerSecond, double opsError,
                         long peakRssBytes, long peakDeviceBytes, List<Double> rounds) {
        this(benchmark, batchSize, inputSide, opsPerSecond, opsError, peakRssBytes, peakDeviceBytes, rounds, Double.NaN);
    }

    /** A row measured in one go. */
    public ThroughputRow(String benchmark, int batchSize, int inputSide, double opsPerSecond, double opsError,
                         long peakRssBytes, long peakDeviceBytes) {
        this(benchmark, batchSize, inputSide, opsPerSecond, opsError, peakRssBytes, peakDeviceBytes, List.of());
    }

    /**
     * One row from the same benchmark's rows of each round ({@code null} where a round has none): the median of
     * their scores, the largest of their peak memories, each round's score, and the median of their cores busy.
     */
    static ThroughputRow ofRounds(List<ThroughputRow> perRound) {
        ThroughputRow first = perRound.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        List<Double> scores = perRound.stream().map(r -> r == null ? Double.NaN : r.opsPerSecond()).toList();
        return new ThroughputRow(first.benchmark, first.batchSize, first.inputSide, MedianInterval.of(scores).median(),
                Double.NaN, perRound.stream().filter(Objects::nonNull).mapToLong(ThroughputRow::peakRssBytes)
                .max().orElse(-1), perRound.stream().filter(Objects::nonNull)
                .mapToLong(ThroughputRow::peakDeviceBytes).max().orElse(0), scores, Optional.ofNullable(MedianInterval
                .of(perRound.stream().filter(Objects::nonNull).map(ThroughputRow::coresBusy).toList()))
                .map(MedianInterval::median).orElse(Double.NaN));
    }

    /** The rounds' img/s: their median and its interval; a single measurement for a run in one go. */
    @JsonProperty
    public MedianInterval imagesOverRounds() {
        MedianInterval batches = rounds.isEmpty() ? null : MedianInterval.of(rounds);
        return (batches == null ? MedianInterval.single(opsPerSecond) : batches).times(batchSize);
    }

    /** "243.1 ± 5.2" (JMH's 99.9 % error) for a run in one go, "243.1 [230.5-251.0]" for one in rounds. */
    public String formatImagesPerSecond(int decimals) {
        MedianInterval over = imagesOverRounds();
        return over.hasInterval() ? over.format(decimals) : MedianInterval.single(imagesPerSecond()).format(decimals)
                + " ± " + (Double.isNaN(imagesError()) ? "?" : MedianInterval.single(imagesError()).format(decimals));
    }

    /** The interval alone: "± 5.2", or "[230.5-251.0]" for a run in rounds. */
    public String formatInterval(int decimals) {
        String both = formatImagesPerSecond(decimals);
        return both.substring(both.indexOf(' ') + 1);
    }

    /** "1.9" cores busy, or "?" where not measured. */
    public String formatCoresBusy() {
        return Double.isNaN(coresBusy) ? "?" : String.format(java.util.Locale.ROOT, "%.1f", coresBusy);
    }

    /** Half the interval's width, its larger side for one in rounds (0 when unknown): a chart's error bar. */
    public double errorBar() {
        MedianInterval over = imagesOverRounds();
        double e = over.hasInterval() ? Math.max(over.high() - over.median(), over.median() - over.low()) : imagesError();
        return Double.isNaN(e) ? 0 : e;
    }

    @JsonProperty
    public double imagesPerSecond() {
        return imagesPerSecond(opsPerSecond, batchSize);
    }

    @JsonProperty
    public double imagesError() {
        return imagesPerSecond(opsError, batchSize);
    }

    /** Achieved GFLOP/s of the convolutions' work ({@link NinSpec#forwardFlops()}; a training step counts 3x). */
    @JsonProperty
    public double gflops() {
        return gflops(imagesPerSecond(), NinSpec.d2l(inputSide).forwardFlops(), TRAIN.equals(benchmark));
    }

    static double imagesPerSecond(double batchesPerSecond, int batchSize) {
        return batchesPerSecond * batchSize;
    }

    /** Forward, backward (gradients of inputs and of weights) each cost about one forward, so training is 3x. */
    static double gflops(double imagesPerSecond, long forwardFlopsPerImage, boolean training) {
        return imagesPerSecond * forwardFlopsPerImage * (training ? 3 : 1) / 1e9;
    }
}
