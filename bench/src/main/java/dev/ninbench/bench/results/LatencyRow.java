package dev.ninbench.bench.results;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * One engine's inference latency at one batch size: percentiles of the milliseconds one call took, from JMH's sample
 * mode ({@code LatencyBenchmark}) for the engines and from every timed call of the same loop for PyTorch.
 *
 * @param samples how many calls were timed
 */
public record LatencyRow(int batchSize, int inputSide, double p50Ms, double p90Ms, double p99Ms, long samples) {

    /** The row of {@code millis}, each one call's time, with commons-math3's percentile estimate (as JMH's). */
    public static LatencyRow of(int batchSize, int inputSide, List<Double> millis) {
        double[] x = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Percentile p = new Percentile();
        p.setData(x);
        return new LatencyRow(batchSize, inputSide, p.evaluate(50), p.evaluate(90), p.evaluate(99), x.length);
    }
}
