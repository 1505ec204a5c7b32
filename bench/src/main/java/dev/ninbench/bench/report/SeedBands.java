package dev.ninbench.bench.report;

import dev.ninbench.core.train.EpochResult;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One engine's training runs that differ only in their seed (same machine, profile, spec and every other
 * hyper-parameter, dropout mode included): the recipe's own spread, which an engine's difference from another must
 * exceed to mean anything.
 *
 * @param runs in the order they were given: two or more with at least two seeds from {@link #of}, one or more from
 *             {@link #groups}
 */
public record SeedBands(TrainedEngine first, List<TrainedEngine> runs) {

    /** Test accuracy of one epoch over the seeds' runs that finished it. */
    public record EpochBand(int epoch, double mean, double min, double max, int runs) {
    }

    /** The groups of {@code runs} that hold several seeds, in the order each group first appears. */
    public static List<SeedBands> of(List<TrainedEngine> runs) {
        return groups(runs).stream().filter(g -> g.runs().stream().map(r -> r.config().seed()).distinct().count() > 1)
                .toList();
    }

    /** Every group of {@code runs} that differ only in their seed, one run or more, in the order each first appears. */
    public static List<SeedBands> groups(List<TrainedEngine> runs) {
        Map<List<Object>, List<TrainedEngine>> groups = new LinkedHashMap<>();
        for (TrainedEngine r : runs) {
            // the machine as the tables name it: a run's engine variables may differ and it is still the machine
            List<Object> sameButSeed = List.of(ReportTables.machine(r.machine()), r.profile(), r.spec(),
                    r.config().withSeed(0), r.engine().name());
            groups.computeIfAbsent(sameButSeed, k -> new ArrayList<>()).add(r);
        }
        return groups.values().stream().map(g -> new SeedBands(g.get(0), List.copyOf(g))).toList();
    }

    /** Per epoch that any of the runs finished: the mean, min and max of their test accuracies. */
    public List<EpochBand> bands() {
        Map<Integer, DoubleSummaryStatistics> byEpoch = new TreeMap<>();
        for (TrainedEngine r : runs) {
            for (EpochResult e : r.epochs()) {
                byEpoch.computeIfAbsent(e.epoch(), k -> new DoubleSummaryStatistics()).accept(e.testAccuracy());
            }
        }
        return byEpoch.entrySet().stream().map(e -> new EpochBand(e.getKey(), e.getValue().getAverage(),
                e.getValue().getMin(), e.getValue().getMax(), (int) e.getValue().getCount())).toList();
    }

    /** "3 (1, 2, 3)": how many runs, and their seeds. */
    public String seeds() {
        return runs.size() + " (" + runs.stream().map(r -> String.valueOf(r.config().seed()))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** One row per engine and group of seeds: the mean test accuracy per epoch with its min–max. */
    public static Table table(List<SeedBands> groups) {
        List<String> headers = List.of("machine", "engine", "profile", "input px", "batch", "dropout", "seeds",
                "mean test accuracy per epoch [min–max over the seeds]", "widest spread (max − min)");
        List<List<String>> rows = new ArrayList<>();
        for (SeedBands g : groups) {
            TrainedEngine r = g.first();
            List<EpochBand> bands = g.bands();
            rows.add(List.of(ReportTables.machine(r.machine()), r.engine().engine(), r.profile(),
                    String.valueOf(r.inputSide()), String.valueOf(r.batchSize()), r.config().dropout().label(),
                    g.seeds(), bands.stream().map(b -> describe(b, g.runs().size())).collect(Collectors.joining(" ")),
                    ReportTables.number(bands.stream().mapToDouble(b -> b.max() - b.min()).max().orElse(Double.NaN), 4)));
        }
        return new Table(headers, rows);
    }

    /** "0.8512 [0.8490–0.8533]", with "(2 runs)" when not every run finished the epoch. */
    private static String describe(EpochBand b, int runs) {
        return ReportTables.number(b.mean(), 4) + " [" + ReportTables.number(b.min(), 4) + "–"
                + ReportTables.number(b.max(), 4) + "]" + (b.runs() < runs ? " (" + b.runs() + " runs)" : "");
    }
}
