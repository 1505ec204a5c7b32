package dev.ninbench.bench.throughput;

import dev.ninbench.bench.launch.PyTorchReference;
import dev.ninbench.core.engine.EngineName;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A row's img/s relative to other rows of the same run (same benchmark, batch size and input side): to PyTorch's
 * row (the d2l code), to the fastest engine's, and a tuned variant's to its engine's idiomatic one. Only within one run: ratios across runs or machines would compare
 * machines, not engines.
 */
public final class Ratios {
    private Ratios() {
    }

    /**
     * {@code row}'s img/s over the fastest of PyTorch's rows of the same shape in {@code run} (the strongest PyTorch
     * setup measured: {@link #fastestPyTorch}); empty when PyTorch has no such row, or when {@code row} is that row.
     */
    public static OptionalDouble toPyTorch(List<EngineThroughput> run, ThroughputRow row) {
        return fastestPyTorch(run, row).filter(best -> best != row)
                .map(best -> OptionalDouble.of(row.imagesPerSecond() / best.imagesPerSecond()))
                .orElse(OptionalDouble.empty());
    }

    /** The fastest of PyTorch's rows shaped like {@code row}, which "x PyTorch" divides by. */
    public static java.util.Optional<ThroughputRow> fastestPyTorch(List<EngineThroughput> run, ThroughputRow row) {
        return run.stream().filter(e -> PyTorchReference.isPyTorch(e.engine())).flatMap(e -> e.rows().stream())
                .filter(r -> sameShape(r, row)).max(java.util.Comparator.comparingDouble(ThroughputRow::imagesPerSecond));
    }

    /** The engine of {@link #fastestPyTorch}: which PyTorch row a ratio divides by. */
    public static java.util.Optional<String> fastestPyTorchName(List<EngineThroughput> run, ThroughputRow row) {
        return fastestPyTorch(run, row).flatMap(best -> run.stream().filter(e -> e.rows().contains(best))
                .map(EngineThroughput::engine).findFirst());
    }

    /** {@code row}'s img/s over the fastest engine's (PyTorch not counted) in {@code run}. */
    public static OptionalDouble toFastestEngine(List<EngineThroughput> run, ThroughputRow row) {
        OptionalDouble best = run.stream().filter(e -> !PyTorchReference.isPyTorch(e.engine()))
                .flatMap(e -> e.rows().stream()).filter(r -> sameShape(r, row))
                .mapToDouble(ThroughputRow::imagesPerSecond).max();
        return best.isPresent() ? OptionalDouble.of(row.imagesPerSecond() / best.getAsDouble()) : OptionalDouble.empty();
    }

    /**
     * A tuned row's img/s over its engine's idiomatic variant's in {@code run} (what the tuned path buys); empty for
     * other rows, or when the run has no idiomatic variant of the engine.
     */
    public static OptionalDouble toIdiomatic(List<EngineThroughput> run, String engine, ThroughputRow row) {
        EngineName name = EngineName.parse(engine);
        if (!EngineName.TUNED.equals(name.variant()) || PyTorchReference.isPyTorch(engine)) {
            return OptionalDouble.empty();
        }
        String idiomatic = new EngineName(name.engine(), EngineName.IDIOMATIC).toString();
        return run.stream().filter(e -> e.engine().equals(idiomatic)).flatMap(e -> e.rows().stream())
                .filter(r -> sameShape(r, row)).mapToDouble(r -> row.imagesPerSecond() / r.imagesPerSecond()).findFirst();
    }

    /** "1.23x", or "-" when there is nothing to compare with. */
    public static String format(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(java.util.Locale.ROOT, "%.2fx", ratio.getAsDouble()) : "-";
    }

    private static boolean sameShape(ThroughputRow a, ThroughputRow b) {
        return a.benchmark().equals(b.benchmark()) && a.batchSize() == b.batchSize() && a.inputSide() == b.inputSide();
    }
}
