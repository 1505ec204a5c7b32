package dev.ninbench.bench.train;

import dev.ninbench.bench.rundir.EngineOutcomes;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.report.Table;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.worker.StepLosses.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table printed at the end of {@code train}: one row per engine, failed ones marked with the reason. When
 * PyTorch's row ran, each engine's training loss stands beside PyTorch's, with the largest difference of their losses
 * over the steps both took: what a run too short to learn still shows. Under it, for such a run, one line saying that
 * chance accuracy is what it should show.
 */
final class ResultsTable {
    /**
     * Runs of fewer steps than this cannot be expected to leave NiN's initial loss plateau (ln 10 ≈ 2.303): on this
     * recipe it sits there for its first ~100 steps at least (docs/dropout-masks.md; PyTorch itself was still there
     * after 150, and the cpu profile's engines after their first epoch's 469).
     */
    static final int PLATEAU_STEPS = 100;
    /** A test accuracy at or below this is chance on Fashion-MNIST's ten classes (0.10), give or take a small test set. */
    static final double CHANCE_ACCURACY = 0.15;

    private ResultsTable() {
    }

    /**
     * The table of {@code results}; {@code steps} holds each row's per-step losses (steps/&lt;engine&gt;.csv) that could
     * be read, by engine name.
     */
    static String render(List<EngineResult> results, Map<String, List<Step>> steps) {
        List<Step> reference = steps.getOrDefault(EngineName.PYTORCH, List.of());
        EngineResult torch = results.stream().filter(r -> r.engine().equals(EngineName.PYTORCH)).findFirst()
                .orElse(null);
        boolean compared = torch != null && !reference.isEmpty();
        List<String> headers = new ArrayList<>(List.of("engine", "engine (version)", "status",
                "test accuracy per epoch", "s/epoch", "img/s", "train loss"));
        if (compared) {
            headers.addAll(List.of("PyTorch's", "largest |loss - PyTorch's|"));
        }
        List<List<String>> rows = new ArrayList<>();
        for (EngineResult r : results) {
            String acc = r.epochs().stream().map(e -> String.format(Locale.ROOT, "%.4f", e.testAccuracy()))
                    .collect(Collectors.joining(" "));
            List<String> row = new ArrayList<>(List.of(r.engine(), r.info() == null ? "?" : r.info().engine(),
                    r.ok() ? "ok" : interrupted(r) ? "stopped" : "FAILED", acc.isEmpty() ? "-" : acc,
                    number("%.1f", r.epochs().stream().mapToDouble(EpochResult::trainSeconds).average().orElse(Double.NaN)),
                    number("%.1f", r.epochs().stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(Double.NaN)),
                    last(r).map(e -> number("%.4f", e.trainLoss())).orElse("-")));
            if (compared) {
                boolean isTorch = r == torch;
                row.add(isTorch ? "-" : last(r).flatMap(e -> torch.epochs().stream()
                        .filter(t -> t.epoch() == e.epoch()).findFirst())
                        .map(t -> number("%.4f", t.trainLoss())).orElse("-"));
                row.add(isTorch ? "-" : largestDifference(steps.getOrDefault(r.engine(), List.of()), reference));
            }
            rows.add(row);
        }
        StringBuilder sb = new StringBuilder(new Table(headers, rows).text());
        for (EngineResult r : results) {
            if (!r.ok()) {
                sb.append(String.format("%s %s (%d epoch(s) kept): %s%n", r.engine(), interrupted(r) ? "stopped"
                        : "failed", r.epochs().size(), r.failure()));
            }
        }
        String chance = chanceLine(results);
        if (chance != null) {
            sb.append(chance).append('\n');
        }
        return sb.toString();
    }

    /**
     * The largest |loss - PyTorch's loss| over the steps both took (matched by epoch and step), with where: "2.4e-06
     * at step 3 of 4", steps counted over the run as the loss charts count them; "-" when none match.
     */
    static String largestDifference(List<Step> engine, List<Step> reference) {
        Map<List<Integer>, Float> torch = new HashMap<>();
        reference.forEach(s -> torch.put(List.of(s.epoch(), s.step()), s.loss()));
        double largest = -1;
        int at = 0;
        int matched = 0;
        for (Step s : engine) {
            Float t = torch.get(List.of(s.epoch(), s.step()));
            if (t != null) {
                matched++;
                double d = Math.abs((double) s.loss() - t);
                if (d > largest || Double.isNaN(d)) {
                    largest = d;
                    at = matched;
                }
            }
        }
        return matched == 0 ? "-" : String.format(Locale.ROOT, "%.1e at step %d of %d", largest, at, matched);
    }

    /**
     * The line under the table of a run too short for any row to leave NiN's plateau: fewer than
     * {@link #PLATEAU_STEPS} steps in every row, and every row's last test accuracy at chance
     * ({@link #CHANCE_ACCURACY} or below); null for any other run, or when no row finished an epoch.
     */
    static String chanceLine(List<EngineResult> results) {
        List<EngineResult> finished = results.stream().filter(r -> !r.epochs().isEmpty()).toList();
        int steps = finished.stream().mapToInt(r -> r.epochs().stream().mapToInt(EpochResult::steps).sum()).max()
                .orElse(0);
        boolean atChance = finished.stream().allMatch(r -> last(r).orElseThrow().testAccuracy() <= CHANCE_ACCURACY);
        if (finished.isEmpty() || steps >= PLATEAU_STEPS || !atChance) {
            return null;
        }
        return "Accuracy at chance (~0.10) is expected after " + steps + " steps: NiN sits on its initial loss plateau "
                + "for its first few hundred steps; the cpu profile (`--profile cpu`) shows learning.";
    }

    private static java.util.Optional<EpochResult> last(EngineResult r) {
        return r.epochs().stream().reduce((a, b) -> b);
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    /** Whether a signal stopped the engine, which is no fault of its. */
    private static boolean interrupted(EngineResult r) {
        return r.failure() != null && r.failure().startsWith(EngineOutcomes.INTERRUPTED);
    }
}
