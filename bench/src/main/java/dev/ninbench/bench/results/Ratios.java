package dev.ninbench.bench.results;

import dev.ninbench.core.engine.EngineName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A row's img/s relative to other rows of the same run (same benchmark, batch size and input side): to PyTorch's
 * fastest row, to the fastest engine's, and a tuned variant's to its engine's idiomatic one. Only within one run:
 * ratios across runs or machines would compare machines, not engines. In a run in rounds each ratio is the median of
 * the per-round ratios (both rows measured minutes apart at most), with its interval ({@link MedianInterval}); in a
 * run in one go, the ratio of the two scores.
 */
public final class Ratios {
    private Ratios() {
    }

    /**
     * {@code row}'s img/s over the fastest of PyTorch's rows of the same shape in {@code run} (the strongest PyTorch
     * setup measured: {@link #fastestPyTorch}); empty when PyTorch has no such row, or when {@code row} is that row.
     */
    public static Optional<MedianInterval> toPyTorch(List<EngineThroughput> run, ThroughputRow row) {
        return fastestPyTorch(run, row).filter(best -> best != row).map(best -> ratio(row, best));
    }

    /** The fastest of PyTorch's rows shaped like {@code row}, which "x PyTorch" divides by. */
    public static Optional<ThroughputRow> fastestPyTorch(List<EngineThroughput> run, ThroughputRow row) {
        return fastest(run, row, true);
    }

    /** The engine of {@link #fastestPyTorch}: which PyTorch row a ratio divides by. */
    public static Optional<String> fastestPyTorchName(List<EngineThroughput> run, ThroughputRow row) {
        return fastestPyTorch(run, row).flatMap(best -> run.stream().filter(e -> e.rows().contains(best))
                .map(EngineThroughput::engine).findFirst());
    }

    /** {@code row}'s img/s over the fastest engine's (PyTorch not counted) in {@code run}. */
    public static Optional<MedianInterval> toFastestEngine(List<EngineThroughput> run, ThroughputRow row) {
        return fastestEngine(run, row).map(best -> best == row ? MedianInterval.single(1) : ratio(row, best));
    }

    /** The fastest engine's row (PyTorch not counted) shaped like {@code row}, which "x fastest engine" divides by. */
    public static Optional<ThroughputRow> fastestEngine(List<EngineThroughput> run, ThroughputRow row) {
        return fastest(run, row, false);
    }

    /**
     * A tuned row's img/s over its engine's idiomatic variant's in {@code run} (what the tuned path buys); empty for
     * other rows, or when the run has no idiomatic variant of the engine.
     */
    public static Optional<MedianInterval> toIdiomatic(List<EngineThroughput> run, String engine, ThroughputRow row) {
        EngineName name = EngineName.parse(engine);
        if (!EngineName.TUNED.equals(name.variant()) || EngineName.isPyTorch(engine)) {
            return Optional.empty();
        }
        String idiomatic = new EngineName(name.engine(), EngineName.IDIOMATIC).toString();
        return run.stream().filter(e -> e.engine().equals(idiomatic)).flatMap(e -> e.rows().stream())
                .filter(r -> sameShape(r, row)).findFirst().map(r -> ratio(row, r));
    }

    /**
     * {@code a} over {@code b}: the median of their per-round ratios with its interval when both were measured in
     * the same rounds, else the ratio of their scores.
     */
    public static MedianInterval ratio(ThroughputRow a, ThroughputRow b) {
        MedianInterval m = MedianInterval.of(perRound(a, b));
        return m != null ? m : MedianInterval.single(a.imagesPerSecond() / b.imagesPerSecond());
    }

    /**
     * {@code a} over {@code b} in each round both were measured in (NaN where either missed the round); empty when
     * they were not measured in the same rounds.
     */
    public static List<Double> perRound(ThroughputRow a, ThroughputRow b) {
        List<Double> perRound = new ArrayList<>();
        if (a.rounds().size() > 1 && a.rounds().size() == b.rounds().size()) {
            for (int i = 0; i < a.rounds().size(); i++) {
                perRound.add(a.rounds().get(i) / b.rounds().get(i));
            }
        }
        return perRound;
    }

    /** "1.23x", "1.23x [1.10-1.31]" over rounds, or "-" when there is nothing to compare with. */
    public static String format(Optional<MedianInterval> ratio) {
        return ratio.map(MedianInterval::formatRatio).orElse("-");
    }

    private static Optional<ThroughputRow> fastest(List<EngineThroughput> run, ThroughputRow row, boolean pytorch) {
        return run.stream().filter(e -> EngineName.isPyTorch(e.engine()) == pytorch)
                .flatMap(e -> e.rows().stream()).filter(r -> sameShape(r, row))
                .max(Comparator.comparingDouble(ThroughputRow::imagesPerSecond));
    }

    private static boolean sameShape(ThroughputRow a, ThroughputRow b) {
        return a.benchmark().equals(b.benchmark()) && a.batchSize() == b.batchSize() && a.inputSide() == b.inputSide();
    }
}
