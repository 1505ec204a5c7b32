package dev.ninbench.bench.throughput;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ninbench.core.spec.NinSpec;

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
 */
// the derived figures are written for readers of throughput.json, and recomputed when it is read back
@JsonIgnoreProperties(value = {"imagesPerSecond", "imagesError", "gflops"}, allowGetters = true)
public record ThroughputRow(String benchmark, int batchSize, int inputSide, double opsPerSecond, double opsError,
                            long peakRssBytes, long peakDeviceBytes) {
    public static final String TRAIN = "train";
    public static final String INFERENCE = "inference";

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
