package dev.ninbench.bench.report;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.Peaks;
import dev.ninbench.bench.results.Ratios;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.BackendInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The report's first screen: per machine, one compact table of its newest throughput run and one of its training
 * runs, with what every row shares (machine, JDK, run, engine versions) said once above the table. The full tables
 * below repeat it on every row, for tools that read one row at a time.
 */
final class Summary {
    private Summary() {
    }

    /** The summary in Markdown, or "" when there is nothing to summarise. */
    static String markdown(ReportInputs inputs, double target) {
        StringBuilder md = new StringBuilder();
        Map<String, List<MeasuredEngine>> throughputByMachine = new LinkedHashMap<>();
        inputs.throughput().forEach(t -> throughputByMachine.computeIfAbsent(ReportTables.machine(t.machine()),
                k -> new ArrayList<>()).add(t));
        throughputByMachine.forEach((machine, runs) -> md.append(throughput(machine, runs)));
        Map<String, List<TrainedEngine>> accuracyByMachine = new LinkedHashMap<>();
        inputs.accuracy().forEach(a -> accuracyByMachine.computeIfAbsent(ReportTables.machine(a.machine()) + ", "
                + a.profile() + " profile", k -> new ArrayList<>()).add(a));
        accuracyByMachine.forEach((what, runs) -> md.append(accuracy(what, runs, target)));
        return md.isEmpty() ? "" : "## Summary\n\n" + md;
    }

    /** The machine's newest throughput run (run ids start with the date and time), one row per engine. */
    private static String throughput(String machine, List<MeasuredEngine> runs) {
        String newest = runs.stream().map(MeasuredEngine::runId).max(Comparator.naturalOrder()).orElseThrow();
        List<MeasuredEngine> run = runs.stream().filter(r -> r.runId().equals(newest)).toList();
        List<EngineThroughput> engines = run.stream().map(MeasuredEngine::engine).toList();
        TreeSet<Integer> batches = new TreeSet<>();
        engines.forEach(e -> e.rows().forEach(r -> batches.add(r.batchSize())));
        if (batches.isEmpty()) {
            return "";
        }
        int largest = batches.last();
        Optional<Peaks.Best> peak = Peaks.measured(engines);
        List<String> headers = new ArrayList<>(List.of("engine", "variant"));
        batches.forEach(b -> headers.add("train img/s, batch " + b));
        batches.forEach(b -> headers.add("inference img/s, batch " + b));
        headers.addAll(List.of("train x PyTorch, batch " + largest, "train x idiomatic, batch " + largest,
                "train % of peak, batch " + largest, "peak RSS MiB"));
        List<List<String>> rows = new ArrayList<>();
        for (EngineThroughput e : engines) {
            List<String> row = new ArrayList<>(List.of(e.engine(), e.info() == null ? "?" : ReportTables.variant(e.info())));
            batches.forEach(b -> row.add(rate(e, ThroughputRow.TRAIN, b)));
            batches.forEach(b -> row.add(rate(e, ThroughputRow.INFERENCE, b)));
            Optional<ThroughputRow> train = row(e, ThroughputRow.TRAIN, largest);
            row.add(train.map(t -> Ratios.format(Ratios.toPyTorch(engines, t))).orElse("-"));
            row.add(train.map(t -> Ratios.format(Ratios.toIdiomatic(engines, e.engine(), t))).orElse("-"));
            row.add(train.map(t -> Peaks.percent(t.gflops(), peak)).orElse("-"));
            row.add(ReportTables.mebibytes(e.rows().stream().mapToLong(ThroughputRow::peakRssBytes).max().orElse(0)));
            rows.add(row);
        }
        MeasuredEngine first = run.get(0);
        return "### Throughput on " + machine + "\n\n" + first.machine().jdk() + "; run `" + newest + "` (profile "
                + first.profile() + ", " + first.date() + ", " + threads(run) + ", input "
                + engines.stream().flatMap(e -> e.rows().stream()).findFirst().map(r -> r.inputSide() + " px").orElse("?")
                + "); " + versions(engines.stream().map(EngineThroughput::info).toList()) + ".\n\n"
                + new Table(headers, rows).markdown() + "\n" + intervals(engines) + " x PyTorch divides by "
                + "the fastest of PyTorch's rows at that shape" + engines.stream().flatMap(e -> row(e,
                ThroughputRow.TRAIN, largest).stream()).findFirst().flatMap(t -> Ratios.fastestPyTorchName(engines, t))
                .map(n -> " (here `" + n + "`)").orElse("") + ". The full table, with every run, is below.\n\n";
    }

    /** Per engine (and variant) and dropout: the test accuracy each seed reached, and when it reached the target. */
    private static String accuracy(String what, List<TrainedEngine> runs, double target) {
        Map<List<String>, List<TrainedEngine>> byEngine = new LinkedHashMap<>();
        runs.forEach(r -> byEngine.computeIfAbsent(List.of(r.engine().name(), r.config().dropout().label()),
                k -> new ArrayList<>()).add(r));
        String t = ReportTables.number(target, 2);
        boolean timed = runs.stream().anyMatch(r -> r.hadMachineToItself(target));
        List<String> headers = new ArrayList<>(List.of("engine", "variant", "dropout", "seeds",
                "test accuracy after the last epoch", "mean"));
        if (timed) {
            headers.add("training s to " + t + " (runs that had the machine to themselves)");
        }
        List<List<String>> rows = new ArrayList<>();
        byEngine.forEach((key, group) -> {
            List<TrainedEngine> bySeed = group.stream().sorted(Comparator.comparingLong(r -> r.config().seed())).toList();
            List<String> row = new ArrayList<>(List.of(key.get(0), ReportTables.variant(bySeed.get(0).engine()),
                    key.get(1), bySeed.stream().map(r -> String.valueOf(r.config().seed())).collect(Collectors.joining(", ")),
                    bySeed.stream().map(Summary::lastAccuracy).collect(Collectors.joining(", ")),
                    ReportTables.number(bySeed.stream().filter(r -> !r.epochs().isEmpty())
                            .mapToDouble(r -> r.epochs().get(r.epochs().size() - 1).testAccuracy()).average()
                            .orElse(Double.NaN), 4)));
            if (timed) {
                row.add(bySeed.stream().map(r -> toTarget(r, target)).collect(Collectors.joining(", ")));
            }
            rows.add(row);
        });
        TrainedEngine first = runs.get(0);
        return "### Training on " + what + "\n\n" + first.machine().jdk() + "; input " + first.inputSide()
                + " px, batch " + first.batchSize() + ", SGD lr " + first.config().learningRate() + "; "
                + versions(runs.stream().map(TrainedEngine::engine).toList()) + ".\n\n"
                + new Table(headers, rows).markdown() + "\nOne value per seed, in the order of the seeds column: the test "
                + "accuracy after each run's last epoch (an epoch number where it stopped early). Training seconds (evaluation "
                + "excluded) only from runs that had the machine to themselves; even so they say when each row got "
                + "there on its day, not engine speed. The full table is below.\n\n";
    }

    private static String lastAccuracy(TrainedEngine r) {
        return r.epochs().isEmpty() ? "-" : ReportTables.number(r.epochs().get(r.epochs().size() - 1).testAccuracy(), 4)
                + (r.epochs().size() < r.plannedEpochs() ? " (epoch " + r.epochs().get(r.epochs().size() - 1).epoch()
                + ")" : "");
    }

    private static String toTarget(TrainedEngine r, double target) {
        TrainedEngine.Load load = r.load(target);
        if (load != TrainedEngine.Load.ALONE) {
            return load == TrainedEngine.Load.SHARED ? ReportTables.MACHINE_SHARED : ReportTables.NOT_RECORDED;
        }
        OptionalDouble seconds = r.secondsToAccuracy(target);
        return seconds.isPresent() ? ReportTables.number(seconds.getAsDouble(), 0) : "not reached";
    }

    private static Optional<ThroughputRow> row(EngineThroughput e, String mode, int batch) {
        return e.rows().stream().filter(r -> r.benchmark().equals(mode) && r.batchSize() == batch).findFirst();
    }

    /** What the figures' intervals are: JMH's, or the rounds' order statistics. */
    private static String intervals(List<EngineThroughput> engines) {
        return engines.stream().flatMap(e -> e.rows().stream()).map(ThroughputRow::imagesOverRounds)
                .filter(MedianInterval::hasInterval).findFirst().map(m -> "Each figure is the " + m.describe()
                        + " (img/s: of the rounds' scores; ratios: of the per-round ratios, each round's rows measured "
                        + "minutes apart).").orElse("img/s ± half JMH's 99.9 % interval.");
    }

    private static String rate(EngineThroughput e, String mode, int batch) {
        return row(e, mode, batch).map(r -> r.formatImagesPerSecond(0)).orElse("-");
    }

    /** "2 threads" when every engine ran with the same intra-op threads, else each engine's. */
    private static String threads(List<MeasuredEngine> run) {
        List<String> each = run.stream().map(MeasuredEngine::computeThreads).distinct().toList();
        return String.join(" or ", each) + " threads";
    }

    /** The engines' library versions, each once ("DJL 0.35.1 / PyTorch 2.7.1; TensorFlow Java ..."). */
    private static String versions(List<BackendInfo> infos) {
        return infos.stream().filter(i -> i != null && !EngineName.isPyTorch(i.name())).map(BackendInfo::engine)
                .distinct().collect(Collectors.joining("; ")) + infos.stream()
                .filter(i -> i != null && EngineName.isPyTorch(i.name())).findFirst()
                .map(i -> "; reference: " + i.engine()).orElse("");
    }
}
