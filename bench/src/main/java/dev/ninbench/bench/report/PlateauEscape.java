package dev.ninbench.bench.report;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.rundir.SuiteVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * When each training run left NiN's initial loss plateau, and whether that decides its final accuracy. NiN's loss sits
 * near ln 10 = 2.30 for its first few hundred steps; the escape step is the first global step at which the trailing
 * mean of the last {@link RunSteps#SMOOTHING_STEPS} step losses (a full window) falls below {@link #ESCAPE_LOSS}.
 * Below that the net has started to tell classes apart; 20 steps smooth out the dropout's step-to-step noise.
 *
 * @param escapeStep empty when the run never left the plateau
 */
public record PlateauEscape(TrainedEngine run, OptionalInt escapeStep) {
    /** The loss the trailing mean must fall below: 0.1 under ln 10, clear of the plateau's own noise. */
    public static final double ESCAPE_LOSS = 2.2;

    /** The standard normal's 97.5 % quantile, for two-sided 95 % intervals. */
    private static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.975);

    /** The first global step whose full trailing window's mean loss is below {@link #ESCAPE_LOSS}. */
    static OptionalInt escapeStep(RunSteps.StepCurve smoothed) {
        for (int i = RunSteps.SMOOTHING_STEPS - 1; i < smoothed.values().length; i++) {
            if (smoothed.values()[i] < ESCAPE_LOSS) {
                return OptionalInt.of((int) smoothed.globalSteps()[i]);
            }
        }
        return OptionalInt.empty();
    }

    /** One per finished training run whose steps were kept, in the order of {@code runs}. */
    static List<PlateauEscape> of(List<TrainedEngine> runs, List<RunSteps> steps) {
        Map<String, RunSteps> byRun = new LinkedHashMap<>();
        steps.forEach(s -> byRun.put(s.runId(), s));
        List<PlateauEscape> escapes = new ArrayList<>();
        for (TrainedEngine r : runs) {
            RunSteps s = byRun.get(r.runId());
            if (s != null && s.byEngine().containsKey(r.engine().name()) && AccuracyComparison.finished(r)) {
                escapes.add(new PlateauEscape(r, escapeStep(s.smoothedLoss(r.engine().name()))));
            }
        }
        return escapes;
    }

    double finalAccuracy() {
        return run.epochs().get(run.epochs().size() - 1).testAccuracy();
    }

    /** {@code escape.csv}: one row per run and engine. */
    static Table csv(List<PlateauEscape> escapes) {
        List<List<String>> rows = new ArrayList<>();
        for (PlateauEscape e : escapes) {
            rows.add(List.of(ReportTables.machine(e.run.machine()), e.run.runId(), AccuracyComparison.recipe(e.run),
                    e.run.engine().name(), String.valueOf(e.run.config().seed()),
                    e.escapeStep.isPresent() ? String.valueOf(e.escapeStep.getAsInt()) : "",
                    ReportTables.number(e.finalAccuracy(), 4)));
        }
        return new Table(List.of("machine", "run", "recipe", "engine", "seed", "escape step", "final test accuracy"),
                rows);
    }

    /**
     * Per recipe: how closely final accuracy follows the escape step over every run of it (Pearson's r), and each
     * engine's escape steps against PyTorch's, paired by seed ({@link AccuracyDifference}).
     */
    static String markdown(List<PlateauEscape> escapes) {
        Map<String, List<PlateauEscape>> byRecipe = new LinkedHashMap<>();
        escapes.stream().filter(e -> e.escapeStep.isPresent()).forEach(e -> byRecipe.computeIfAbsent(
                ReportTables.machine(e.run.machine()) + ", " + AccuracyComparison.recipe(e.run), k -> new ArrayList<>()).add(e));
        StringBuilder md = new StringBuilder();
        byRecipe.forEach((recipe, group) -> {
            md.append("**").append(recipe).append("**: ").append(correlation(group)).append('\n');
            Map<String, Map<Long, Double>> steps = new LinkedHashMap<>();
            group.forEach(e -> steps.computeIfAbsent(e.run.engine().name(), k -> new TreeMap<>())
                    .putIfAbsent(e.run.config().seed(), (double) e.escapeStep.getAsInt()));
            Map<Long, Double> pytorch = steps.get(EngineName.PYTORCH);
            List<String> engines = steps.keySet().stream().filter(e -> !e.equals(EngineName.PYTORCH)).toList();
            List<AccuracyDifference> differences = pytorch == null ? List.of()
                    : AccuracyDifference.ofRows(engines.stream().map(steps::get).toList(), pytorch);
            for (int i = 0; i < differences.size(); i++) {
                AccuracyDifference d = differences.get(i);
                md.append("- ").append(engines.get(i)).append(": escape step minus PyTorch's, ").append(d.format(0))
                        .append(d.hasInterval() ? " (" + d.method().words() + " at 95 %" : " (")
                        .append(d.hasInterval() ? "; " : "").append(steps.get(engines.get(i)).size())
                        .append(" against ").append(pytorch.size()).append(" seeds)\n");
            }
            md.append('\n');
        });
        return md.toString();
    }

    /** "final test accuracy against escape step over 12 runs: Pearson's r = -0.81 [...]" (or why there is none). */
    static String correlation(List<PlateauEscape> group) {
        if (group.size() < 3) {
            return group.size() + " run(s) left the plateau: too few for a correlation.";
        }
        double[] x = group.stream().mapToDouble(e -> e.escapeStep.getAsInt()).toArray();
        double[] y = group.stream().mapToDouble(PlateauEscape::finalAccuracy).toArray();
        int seeds = (int) group.stream().mapToLong(e -> e.run.config().seed()).distinct().count();
        return "final test accuracy against escape step over " + group.size() + " runs: " + correlation(x, y, seeds);
    }

    /**
     * Pearson's r of {@code x} and {@code y} with its 95 % interval (Fisher's z: atanh r is near normal with standard
     * error 1/sqrt(n - 3)), or, under 4 points, the r alone and that it has no interval: three points can give any r
     * by chance, and a bare r then reads as a finding.
     *
     * <p>The runs of one seed share their start (weights, batches, with shared dropout the masks too), so they are not
     * independent: counting every run gives too narrow an interval, counting only the {@code seeds} too wide a one.
     * Where they differ both are shown, and a link is claimed only when both intervals exclude 0.
     */
    static String correlation(double[] x, double[] y, int seeds) {
        int n = x.length;
        double r = new PearsonsCorrelation().correlation(x, y);
        if (Double.isNaN(r)) {
            return "no correlation: every run has the same escape step or the same final accuracy.";
        }
        if (n < 4) {
            return String.format(Locale.ROOT, "Pearson's r = %.2f, too few runs for an interval: it shows nothing "
                    + "yet.", r);
        }
        double[] byRun = fisherInterval(r, n);
        String intervals = String.format(Locale.ROOT, "[%.2f, %.2f]", byRun[0], byRun[1]);
        boolean excludesZero = byRun[0] > 0 || byRun[1] < 0;
        if (seeds < n) {
            intervals += " counting every run as independent, ";
            if (seeds < 4) {
                intervals += "none counting only its " + seeds + " seeds (too few)";
                excludesZero = false;
            } else {
                double[] bySeed = fisherInterval(r, seeds);
                intervals += String.format(Locale.ROOT, "[%.2f, %.2f] counting only its %d seeds", bySeed[0],
                        bySeed[1], seeds);
                excludesZero &= bySeed[0] > 0 || bySeed[1] < 0;
            }
        }
        String verdict = excludesZero ? "final accuracy " + (r > 0 ? "rises" : "falls") + " with the escape step"
                : "no link shown";
        return String.format(Locale.ROOT, "Pearson's r = %.2f, 95 %% interval %s (Fisher's z; r^2 = %.2f): %s.", r,
                intervals, r * r, verdict);
    }

    /** The 95 % interval of a correlation {@code r} from {@code n} independent points, by Fisher's z. */
    static double[] fisherInterval(double r, int n) {
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        double half = Z95 / Math.sqrt(n - 3);
        return new double[] {Math.tanh(z - half), Math.tanh(z + half)};
    }

    /** Escape step against final accuracy, a point per run, a colour per engine; empty without escapes. */
    static Optional<XYChart> chart(List<PlateauEscape> escapes, Map<String, SuiteVersion> suites) {
        List<PlateauEscape> escaped = escapes.stream().filter(e -> e.escapeStep.isPresent()).toList();
        if (escaped.isEmpty()) {
            return Optional.empty();
        }
        Provenance where = Provenance.of(escaped.stream().map(e -> e.run.machine()).toList(),
                escaped.stream().map(e -> e.run.runId()).toList(), suites);
        String what = "Final test accuracy against the step each run left the loss plateau, " + escaped.stream()
                .map(e -> AccuracyComparison.recipe(e.run)).distinct().collect(java.util.stream.Collectors.joining("; "));
        XYChart chart = ChartStyle.xy(where.title(what), "escape step (trailing " + RunSteps.SMOOTHING_STEPS + "-step mean loss < " + ESCAPE_LOSS
                + ")", "final test accuracy", 1000, 600);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        Map<String, List<PlateauEscape>> byEngine = new TreeMap<>(ChartStyle.ORDER);
        escaped.forEach(e -> byEngine.computeIfAbsent(e.run.engine().name(), k -> new ArrayList<>()).add(e));
        byEngine.forEach((engine, points) -> ChartStyle.style(chart.addSeries(engine,
                points.stream().map(p -> (double) p.escapeStep.getAsInt()).toList(),
                points.stream().map(PlateauEscape::finalAccuracy).toList()), engine)
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter));
        return Optional.of(chart);
    }
}
