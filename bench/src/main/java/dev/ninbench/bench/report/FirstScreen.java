package dev.ninbench.bench.report;

import dev.ninbench.engineside.ColdStartEvent;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.LatencyRow;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.Ratios;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.EngineName;
import dev.ninbench.core.machine.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's first screen: which engine trains NiN fastest on the newest machine, by how much against the fastest
 * PyTorch and how sure that is (one table, a verdict per engine by {@link Verdict}), and whether any engine trains to
 * a different accuracy (the seeds' table), with the caveats a user must see. Everything older or longer is on the
 * history page and in the CSVs.
 */
final class FirstScreen {
    private FirstScreen() {
    }

    /**
     * The few lines the project's README shows above everything else: the newest machine, the fastest engine and the
     * verdict per engine, with a link to the results page; "" without throughput runs.
     */
    static String headline(List<MeasuredEngine> runs, String resultsPage) {
        String speed = speed(runs);
        if (speed.isEmpty()) {
            return "";
        }
        List<String> lines = speed.lines().toList();
        String machine = lines.get(0).substring("## Speed on ".length());
        String lead = lines.stream().filter(l -> l.startsWith("**Fastest")).findFirst().orElse("");
        String verdicts = lines.stream().filter(l -> l.startsWith("- **")).filter(l -> !l.contains("-idiomatic**")
                && !l.startsWith("- **pytorch")).collect(Collectors.joining("\n"));
        return "Training and inference speed of each engine's tuned path against the fastest PyTorch on " + machine
                + ", " + lines.stream().filter(l -> l.contains(" interleaved rounds pooled")).findFirst()
                .map(l -> l.substring(l.lastIndexOf("runs "))).orElse("") + ":\n\n" + lead + "\n\n" + verdicts
                + "\n\nThe tables, the accuracy over seeds and the caveats: [" + resultsPage + "](" + resultsPage + ").\n";
    }

    /** The speed section and its verdict lines, or "" without throughput runs. */
    static String speed(List<MeasuredEngine> runs) {
        Optional<NewestPair> found = NewestPair.of(runs);
        if (found.isEmpty() || found.get().largestBatch() == 0) {
            return "";
        }
        NewestPair pair = found.get();
        int batch = pair.largestBatch();
        List<EngineThroughput> engines = pair.engines();
        String b = "b" + batch;
        List<String> headers = List.of("engine", "path", "train img/s, " + b, "train x PyTorch", "inference img/s, " + b,
                "inference x PyTorch", "latency p50 ms, batch 1", "cold start s", "peak RSS MiB");
        List<List<String>> rows = new ArrayList<>();
        List<String> verdicts = new ArrayList<>();
        for (EngineThroughput e : engines) {
            Optional<ThroughputRow> train = row(e, ThroughputRow.TRAIN, batch);
            Optional<ThroughputRow> infer = row(e, ThroughputRow.INFERENCE, batch);
            Optional<MedianInterval> trainRatio = train.flatMap(t -> Ratios.toPyTorch(engines, t));
            Optional<MedianInterval> inferRatio = infer.flatMap(t -> Ratios.toPyTorch(engines, t));
            rows.add(List.of("**" + e.engine() + "**", path(e), train.map(t -> t.imagesOverRounds().format(0)).orElse("-"),
                    Ratios.format(trainRatio), infer.map(t -> t.imagesOverRounds().format(0)).orElse("-"),
                    Ratios.format(inferRatio), latency(e), coldStart(e),
                    ReportTables.mebibytes(e.rows().stream().mapToLong(ThroughputRow::peakRssBytes).max().orElse(0))));
            if (trainRatio.isPresent() && inferRatio.isPresent()) {
                String against = EngineName.isPyTorch(e.engine()) ? fastestName(engines, batch) : "PyTorch";
                verdicts.add("- **" + e.engine() + "** trains " + Verdict.speed(trainRatio.get()) + " " + against
                        + " (" + trainRatio.get().formatRatio() + ") and infers " + Verdict.speed(inferRatio.get())
                        + " it (" + inferRatio.get().formatRatio() + ").");
            }
        }
        String fastest = fastestName(engines, batch);
        String coverage = train(engines, batch).flatMap(t -> Ratios.toPyTorch(engines, t))
                .map(m -> String.format(Locale.ROOT, "%.1f %%", 100 * m.coverage())).orElse("?");
        return "## Speed on " + machine(pair.machine()) + "\n\n"
                + "**" + machineLine(pair.machine()) + "** · " + versions(engines.stream().map(EngineThroughput::info)
                .toList()) + " · suite `" + pair.commit() + "` · " + days(pair.runs())
                + " · runs " + pair.runs().stream().map(r -> "`" + r + "`").collect(Collectors.joining(", "))
                + " (" + pair.profile() + " profile, " + inputSide(engines) + " px, " + pair.rounds()
                + " interleaved rounds pooled)\n\n" + lead(engines, batch)
                + new Table(headers, rows).markdown() + "\n"
                + "img/s: the median of the rounds with [ ] its order-statistic interval. x PyTorch: over the fastest "
                + "PyTorch row (`" + fastest + "`), the median of the per-round ratios with its interval (" + coverage
                + " coverage); each round measures every row minutes apart on the same machine. Latency and cold "
                + "start (fresh process to its first training step) are from the newest run, not interleaved.\n\n"
                + String.join("\n", verdicts) + "\n\n";
    }

    /**
     * The accuracy section: on the newest training machine, per dropout mode the recipe with the most seeds
     * ({@link AccuracyComparison#headline}), each engine against PyTorch; the other recipes are on the history page.
     */
    static String accuracy(List<TrainedEngine> runs, double target) {
        List<AccuracyComparison> all = AccuracyComparison.of(runs);
        if (all.isEmpty()) {
            return "";
        }
        String machine = all.get(0).machine();
        List<AccuracyComparison> ofMachine = all.stream().filter(c -> c.machine().equals(machine)).toList();
        List<AccuracyComparison> shown = AccuracyComparison.headline(ofMachine);
        StringBuilder tables = new StringBuilder();
        for (AccuracyComparison c : shown) {
            tables.append("**").append(c.recipe()).append("**\n\n")
                    .append(AccuracyTables.of(List.of(c), target, false).markdown()).append('\n');
            for (String note : List.of(c.cpuNote(ofMachine), c.absentNote(ofMachine))) {
                tables.append(note.isEmpty() ? "" : note + "\n\n");
            }
        }
        int left = all.size() - shown.size();
        String others = left == 0 ? "" : " The " + left + (left == 1 ? " other recipe" : " other recipes")
                + (all.size() > ofMachine.size() ? " and machines" : "") + " (the recipes a study was chosen from, "
                + "older runs): " + AccuracyComparison.OTHER_RECIPES + ".";
        return Prose.fill("first-page-accuracy", Map.of("machine", machine, "tables", tables.toString(),
                "others", others, "target", ReportTables.number(target, 2),
                "rule", Verdict.rule(AccuracyComparison.MARGIN)));
    }

    /** The caveats as lines under the tables, or "". */
    static String caveats(List<Caveat> caveats) {
        return caveats.isEmpty() ? "" : "**Known caveats**\n\n" + caveats.stream().map(c -> "- " + c.text())
                .collect(Collectors.joining("\n")) + "\n\n";
    }

    private static Optional<ThroughputRow> row(EngineThroughput e, String mode, int batch) {
        return e.rows().stream().filter(r -> r.benchmark().equals(mode) && r.batchSize() == batch).findFirst();
    }

    /** The headline: the engine that trains fastest and its verdict against PyTorch. */
    private static String lead(List<EngineThroughput> engines, int batch) {
        return engines.stream().filter(e -> !EngineName.isPyTorch(e.engine()))
                .flatMap(e -> row(e, ThroughputRow.TRAIN, batch).map(r -> java.util.Map.entry(e, r)).stream())
                .max(java.util.Comparator.comparingDouble(en -> en.getValue().imagesPerSecond()))
                .flatMap(en -> Ratios.toPyTorch(engines, en.getValue()).map(ratio -> "**Fastest Java engine in "
                        + "training: " + en.getKey().engine() + "** (" + path(en.getKey()) + "), " + ratio.formatRatio()
                        + " of the fastest PyTorch: " + Verdict.speed(ratio) + " it.\n\n")).orElse("");
    }

    private static String fastestName(List<EngineThroughput> engines, int batch) {
        return train(engines, batch).flatMap(t -> Ratios.fastestPyTorchName(engines, t)).orElse("?");
    }

    /** "2026-12-01", or "2026-12-01 to 2026-12-02" when the runs span days. */
    private static String days(List<String> runs) {
        String first = ReportInputs.day(runs.get(0));
        String last = ReportInputs.day(runs.get(runs.size() - 1));
        return first.equals(last) ? first : first + " to " + last;
    }

    private static Optional<ThroughputRow> train(List<EngineThroughput> engines, int batch) {
        return engines.stream().filter(e -> !EngineName.isPyTorch(e.engine()))
                .flatMap(e -> row(e, ThroughputRow.TRAIN, batch).stream()).findFirst();
    }

    private static int inputSide(List<EngineThroughput> engines) {
        return engines.stream().flatMap(e -> e.rows().stream()).mapToInt(ThroughputRow::inputSide).findFirst().orElse(0);
    }

    /** "tuned", "idiomatic", "reference" or "reference, channels-last". */
    private static String path(EngineThroughput e) {
        return e.info() == null ? EngineName.parse(e.engine()).variant() : path(e.info());
    }

    static String path(BackendInfo info) {
        String variant = EngineName.parse(info.name()).variant();
        return EngineName.isPyTorch(info.name())
                ? EngineName.TUNED.equals(variant) ? "reference (d2l code)" : "reference, " + variant : variant;
    }

    private static String latency(EngineThroughput e) {
        return e.latency().stream().filter(l -> l.batchSize() == 1).findFirst().map(LatencyRow::p50Ms)
                .map(ms -> ReportTables.number(ms, 1)).orElse("-");
    }

    private static String coldStart(EngineThroughput e) {
        if (e.coldStart() == null || e.coldStart().runs() == 0) {
            return "-";
        }
        MedianInterval m = MedianInterval.of(e.coldStart().millis(ColdStartEvent.TRAIN_STEP).stream()
                .map(Long::doubleValue).toList());
        return ReportTables.number(m.median() / 1000, 1);
    }

    /** "AMD EPYC, 2 cores (vm)". */
    static String machine(Environment e) {
        return ReportTables.machine(e);
    }

    /** "AMD EPYC, 2 cores (vm), AVX-512 with vp2intersect, 24 GiB, Debian 17.0.15+6-Debian-1deb12u1". */
    static String machineLine(Environment e) {
        return machine(e) + ", " + ReportTables.simd(e) + ", " + Math.round(e.memoryBytes() / (double) (1L << 30)) + " GiB, JDK "
                + e.jdk();
    }

    /** The engines' library versions, each once, then PyTorch's. */
    static String versions(List<BackendInfo> infos) {
        return infos.stream().filter(i -> i != null && !EngineName.isPyTorch(i.name())).map(BackendInfo::engine)
                .distinct().collect(Collectors.joining(" · ")) + infos.stream()
                .filter(i -> i != null && EngineName.isPyTorch(i.name())).findFirst()
                .map(i -> " · reference " + i.engine()).orElse("");
    }
}
