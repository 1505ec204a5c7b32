package dev.ninbench.bench.report;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.Ratios;
import dev.ninbench.bench.results.RunToRun;
import dev.ninbench.bench.results.ThroughputRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Whether a run's ratios repeat: for the two newest throughput runs in rounds of the same machine, profile and
 * threads, each engine row's ratios (x PyTorch, x fastest engine) in both, with their intervals; whether each run's
 * median lies inside the other's interval; how far the ratio moved from the first run to the second, with the
 * interval of a rank test on both runs' per-round ratios ({@link RunToRun}), which is the verdict; and, where it did
 * not move, the two runs' rounds pooled, the figure to quote from both. A ratio whose rows ran with other settings in
 * the two runs (an engine's tuned default changed between them, say) gets no verdict: its change is not noise.
 */
final class Repeatability {
    private Repeatability() {
    }

    /**
     * The report's section: which runs are compared, then the table; empty when no machine has two runs in rounds
     * of one profile and thread count.
     */
    static String markdown(List<MeasuredEngine> runs) {
        Map<List<String>, List<String>> runIds = new LinkedHashMap<>();
        Map<String, List<EngineThroughput>> byRun = ReportTables.byRun(runs);
        for (MeasuredEngine r : runs) {
            if (inRounds(r.engine())) {
                List<String> ids = runIds.computeIfAbsent(List.of(ReportTables.machine(r.machine()), r.profile(),
                        String.valueOf(r.threads())), k -> new ArrayList<>());
                if (!ids.contains(r.runId())) {
                    ids.add(r.runId());
                }
            }
        }
        List<String> headers = List.of("machine", "profile", "engine", "mode", "batch", "ratio", "first run",
                "second run", "each median inside the other's interval", "second over first", "repeats",
                "both runs' rounds");
        List<List<String>> rows = new ArrayList<>();
        List<String> compared = new ArrayList<>();
        runIds.forEach((key, ids) -> {
            if (ids.size() < 2) {
                return;
            }
            List<String> newest = ids.stream().sorted(Comparator.reverseOrder()).limit(2).sorted().toList();
            List<EngineThroughput> a = byRun.get(newest.get(0));
            List<EngineThroughput> b = byRun.get(newest.get(1));
            for (EngineThroughput e : a) {
                if (EngineName.isPyTorch(e.engine())) {
                    continue;
                }
                for (ThroughputRow row : e.rows()) {
                    Optional<ThroughputRow> other = b.stream().filter(x -> x.engine().equals(e.engine()))
                            .flatMap(x -> x.rows().stream()).filter(x -> x.benchmark().equals(row.benchmark())
                                    && x.batchSize() == row.batchSize() && x.inputSide() == row.inputSide()).findFirst();
                    if (other.isEmpty()) {
                        continue;
                    }
                    String engineChange = settingsChange(a, b, x -> x.engine().equals(e.engine()));
                    String torchChange = settingsChange(a, b, x -> EngineName.isPyTorch(x.engine()));
                    add(rows, key, e.engine(), row, "x PyTorch", Ratios::fastestPyTorch, a, b, other.get(),
                            engineChange.isEmpty() ? torchChange : engineChange);
                    add(rows, key, e.engine(), row, "x fastest engine", Ratios::fastestEngine, a, b, other.get(),
                            engineChange);
                }
            }
            compared.add("`" + newest.get(0) + "` then `" + newest.get(1) + "` (" + key.get(0) + ", " + key.get(1)
                    + " profile)");
        });
        if (rows.isEmpty()) {
            return "";
        }
        long judged = rows.stream().filter(r -> !r.get(10).startsWith("settings")).count();
        long repeat = rows.stream().filter(r -> r.get(10).equals("yes")).count();
        long strict = rows.stream().filter(r -> r.get(8).equals("yes")).count();
        return "### Do the ratios repeat?\n\nRuns compared: " + String.join("; ", compared) + ". Each is the newest "
                + "pair of runs in rounds of its machine, profile and thread count; each ratio is the median of its "
                + "per-round ratios, [ ] its order-statistic interval. \"Second over first\": how far the ratio moved "
                + "between the runs, the Hodges-Lehmann estimate from both runs' per-round ratios with its rank-test "
                + "interval (" + String.format(Locale.ROOT, "%.1f", 100 * RunToRun.TARGET_COVERAGE) + " % or more); "
                + "it \"repeats\" when that interval holds 1.00, and about 6 in 100 ratios that did not move are "
                + "flagged anyway. \"Both runs' rounds\": the per-round ratios of both runs together, for a ratio that "
                + "repeats the figure to quote. \"Each median inside the other's interval\" is the stricter reading "
                + "(\"overlap\": only the intervals meet): each run's interval is for its own median, so it misses "
                + "the other run's, itself noisy, more often than its coverage says. \"Settings differ\": a row of "
                + "the ratio ran with other settings in the two runs, so its change is not noise.\n\n"
                + "Of " + judged + " ratios, " + repeat + " repeat; " + strict + " have each median inside the other's "
                + "interval.\n\n" + new Table(headers, rows).markdown() + "\n";
    }

    private static void add(List<List<String>> rows, List<String> key, String engine, ThroughputRow row, String name,
                            BiFunction<List<EngineThroughput>, ThroughputRow, Optional<ThroughputRow>> baseline,
                            List<EngineThroughput> a, List<EngineThroughput> b, ThroughputRow otherRow,
                            String settingsChange) {
        Optional<ThroughputRow> baseA = baseline.apply(a, row).filter(x -> x != row);
        Optional<ThroughputRow> baseB = baseline.apply(b, otherRow).filter(x -> x != otherRow);
        if (baseA.isEmpty() || baseB.isEmpty()) {
            return;
        }
        List<Double> firstRounds = Ratios.perRound(row, baseA.get());
        List<Double> secondRounds = Ratios.perRound(otherRow, baseB.get());
        MedianInterval first = MedianInterval.of(firstRounds);
        MedianInterval second = MedianInterval.of(secondRounds);
        RunToRun change = RunToRun.of(firstRounds, secondRounds);
        if (first == null || second == null || change == null) {
            return;
        }
        List<Double> pooled = new ArrayList<>(firstRounds);
        pooled.addAll(secondRounds);
        String verdict = !settingsChange.isEmpty() ? "settings differ (" + settingsChange + ")"
                : change.agrees() ? "yes" : "no";
        rows.add(List.of(key.get(0), key.get(1), engine, row.benchmark(), String.valueOf(row.batchSize()), name,
                first.formatRatio(), second.formatRatio(), settingsChange.isEmpty() ? agree(first, second) : "-",
                change.format(), verdict, verdict.equals("yes") ? MedianInterval.of(pooled).formatRatio() : "-"));
    }

    /**
     * The settings that changed between run {@code a} and run {@code b} in the rows {@code which} picks, as
     * {@code row KEY: old -> new} (a setting one run did not record counts as changed: "not recorded"); empty when none.
     */
    static String settingsChange(List<EngineThroughput> a, List<EngineThroughput> b, Predicate<EngineThroughput> which) {
        List<String> changes = new ArrayList<>();
        for (EngineThroughput x : a) {
            Optional<EngineThroughput> y = b.stream().filter(which).filter(o -> o.engine().equals(x.engine()))
                    .findFirst();
            if (!which.test(x) || y.isEmpty() || x.info() == null || y.get().info() == null) {
                continue;
            }
            Map<String, String> before = x.info().settings();
            Map<String, String> after = y.get().info().settings();
            union(before.keySet(), after.keySet()).forEach(k -> {
                if (!Objects.equals(before.get(k), after.get(k))) {
                    changes.add(x.engine() + " " + k + ": " + before.getOrDefault(k, "not recorded") + " -> "
                            + after.getOrDefault(k, "not recorded"));
                }
            });
        }
        return String.join("; ", changes);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** "yes" when each median lies in the other's interval, "overlap" when only the intervals meet, else "no". */
    static String agree(MedianInterval a, MedianInterval b) {
        if (inside(a.median(), b) && inside(b.median(), a)) {
            return "yes";
        }
        return a.low() <= b.high() && b.low() <= a.high() ? "overlap" : "no";
    }

    private static boolean inside(double x, MedianInterval m) {
        return m.low() <= x && x <= m.high();
    }

    private static boolean inRounds(EngineThroughput e) {
        return e.rows().stream().anyMatch(r -> r.rounds().size() > 1);
    }
}
