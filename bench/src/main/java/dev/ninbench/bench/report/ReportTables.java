package dev.ninbench.bench.report;

import dev.ninbench.engineside.ColdStartEvent;
import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.LatencyRow;
import dev.ninbench.bench.results.Peaks;
import dev.ninbench.bench.results.Ratios;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.EngineName;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.machine.TheoreticalPeak;
import dev.ninbench.core.train.EpochResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The report's tables. Each row names its machine, JDK, engine version, threads, profile and date, because rows
 * from different machines and runs sit in one table and a figure means nothing without them.
 */
public final class ReportTables {
    /** A figure that a record from before it was kept lacks, or that was not recorded at all. */
    static final String NOT_RECORDED = "n/a";
    /** A time to the target accuracy from a run that shared its machine: not shown, since it ranks the neighbours. */
    static final String MACHINE_SHARED = "machine shared";

    private ReportTables() {
    }

    /**
     * Which way of writing the net a row is: its variant ({@link EngineName}; PyTorch's row is the reference) and, where
     * the record has it, the few words of its {@code model} setting, e.g. "idiomatic: MultiLayerNetwork ...".
     */
    static String variant(BackendInfo info) {
        String variant = EngineName.parse(info.name()).variant();
        if (EngineName.isPyTorch(info.name())) {
            variant = EngineName.TUNED.equals(variant) ? "reference" : "reference, " + variant;
        }
        String model = info.settings().get(SettingKeys.MODEL);
        return model == null ? variant : variant + ": " + model;
    }

    /**
     * {@code accuracy.csv}: one row per training run and engine, one figure a cell: the last epoch's accuracies, the
     * mean speed, the largest CPU share other processes took in an epoch, and the time to {@code targetAccuracy} both
     * ways. The time columns are there only when some run had the machine to itself up to the target
     * ({@link TrainedEngine#load}); other runs' cells say "machine shared", or "n/a" where the load was not recorded. The figures of every epoch are
     * in {@code epochs.csv}.
     */
    public static Table accuracy(List<TrainedEngine> runs, double targetAccuracy) {
        String target = number(targetAccuracy, 2);
        boolean timed = runs.stream().anyMatch(r -> r.hadMachineToItself(targetAccuracy));
        List<String> headers = new ArrayList<>(List.of("machine", "SIMD", "JDK", "engine", "variant", "device",
                "threads", "profile", "date", "run", "input px", "batch", "epochs", "dropout", "seed", "epochs done",
                "final train accuracy", "final test accuracy", "s/epoch", "img/s", "max CPU share of other processes"));
        if (timed) {
            headers.addAll(List.of("training s to " + target + " (training only)",
                    "wall-clock s to " + target + " (from process start, evaluation included)"));
        }
        headers.add("status");
        List<List<String>> rows = new ArrayList<>();
        for (TrainedEngine r : runs) {
            EpochResult last = r.epochs().isEmpty() ? null : r.epochs().get(r.epochs().size() - 1);
            OptionalDouble others = r.maxOthersCpuShare();
            List<String> row = new ArrayList<>(List.of(machine(r.machine()), simd(r.machine()), r.machine().jdk(), r.engine().engine(),
                    variant(r.engine()), r.engine().device(), String.valueOf(r.threads()),
                    r.profile(), r.date(), r.runId(), String.valueOf(r.inputSide()), String.valueOf(r.batchSize()),
                    String.valueOf(r.plannedEpochs()), r.config().dropout().label(), String.valueOf(r.config().seed()),
                    String.valueOf(r.epochs().size()), last == null ? "" : numberOrNotRecorded(last.trainAccuracy(), 4),
                    last == null ? "" : number(last.testAccuracy(), 4),
                    number(r.meanSecondsPerEpoch(), 1), number(r.meanImagesPerSecond(), 1),
                    others.isPresent() ? number(others.getAsDouble(), 2) : NOT_RECORDED));
            if (timed) {
                row.addAll(secondsToTarget(r, targetAccuracy));
            }
            row.add(r.status());
            rows.add(row);
        }
        return new Table(headers, rows);
    }

    /**
     * The two times to the target of {@link #accuracy}: "machine shared" or "n/a" (the load was not recorded) unless
     * the run had the machine to itself.
     */
    private static List<String> secondsToTarget(TrainedEngine r, double targetAccuracy) {
        TrainedEngine.Load load = r.load(targetAccuracy);
        if (load != TrainedEngine.Load.ALONE) {
            String why = load == TrainedEngine.Load.SHARED ? MACHINE_SHARED : NOT_RECORDED;
            return List.of(why, why);
        }
        OptionalDouble toTarget = r.secondsToAccuracy(targetAccuracy);
        OptionalDouble wallToTarget = r.wallSecondsToAccuracy(targetAccuracy);
        return List.of(toTarget.isPresent() ? number(toTarget.getAsDouble(), 1) : "not reached",
                toTarget.isEmpty() ? "not reached"
                        : wallToTarget.isPresent() ? number(wallToTarget.getAsDouble(), 1) : NOT_RECORDED);
    }

    public static Table throughput(List<MeasuredEngine> runs) {
        List<String> headers = List.of("machine", "JDK", "engine", "variant", "device", "threads", "profile", "date", "run",
                "mode", "batch", "input px", "img/s", "interval (± JMH's 99.9 %, or [ ] over rounds)", "GFLOP/s", "% of peak", "x PyTorch",
                "x fastest", "x idiomatic", "peak RSS MiB", "peak GPU MiB");
        // ratios and peaks only within one run: across runs they would compare machines or days, not engines
        Map<String, List<EngineThroughput>> byRun = byRun(runs);
        List<List<String>> rows = new ArrayList<>();
        for (MeasuredEngine r : runs) {
            List<EngineThroughput> run = byRun.get(r.runId());
            Optional<Peaks.Best> peak = Peaks.measured(run);
            String engine = r.engine().info() == null ? r.engine().engine() : r.engine().info().engine();
            String threads = r.computeThreads();
            String variant = r.engine().info() == null ? "?" : variant(r.engine().info());
            String device = r.engine().info() == null ? "?" : r.engine().info().device();
            for (ThroughputRow row : r.engine().rows()) {
                rows.add(List.of(machine(r.machine()), r.machine().jdk(), engine, variant, device, threads, r.profile(),
                        r.date(), r.runId(), row.benchmark(), String.valueOf(row.batchSize()),
                        String.valueOf(row.inputSide()), number(row.imagesPerSecond(), 1), row.formatInterval(1),
                        number(row.gflops(), 1), Peaks.percent(row.gflops(), peak), Ratios.format(Ratios.toPyTorch(run, row)),
                        Ratios.format(Ratios.toFastestEngine(run, row)),
                        Ratios.format(Ratios.toIdiomatic(run, r.engine().engine(), row)), mebibytes(row.peakRssBytes()),
                        mebibytes(row.peakDeviceBytes())));
            }
        }
        return new Table(headers, rows);
    }

    /** Each run's inference latency per engine (and PyTorch row) and batch size; no rows for runs without it. */
    public static Table latency(List<MeasuredEngine> runs) {
        List<String> headers = new ArrayList<>(RUN_ENGINE_HEADERS);
        headers.addAll(List.of("batch", "input px", "p50 ms", "p90 ms", "p99 ms", "calls timed"));
        List<List<String>> rows = new ArrayList<>();
        for (MeasuredEngine r : runs) {
            for (LatencyRow l : r.engine().latency()) {
                List<String> row = runAndEngine(r);
                row.addAll(List.of(String.valueOf(l.batchSize()), String.valueOf(l.inputSide()), number(l.p50Ms(), 2),
                        number(l.p90Ms(), 2), number(l.p99Ms(), 2), String.valueOf(l.samples())));
                rows.add(row);
            }
        }
        return new Table(headers, rows);
    }

    /** The columns {@link #runAndEngine} fills. */
    private static final List<String> RUN_ENGINE_HEADERS = List.of("machine", "JDK", "engine", "variant", "threads",
            "profile", "date", "run");

    /** A row's start: the machine, JDK, engine (and variant) with its threads, and the run. */
    private static List<String> runAndEngine(MeasuredEngine r) {
        BackendInfo info = r.engine().info();
        return new ArrayList<>(List.of(machine(r.machine()), r.machine().jdk(),
                info == null ? r.engine().engine() : info.engine(), info == null ? "?" : variant(info),
                r.computeThreads(), r.profile(), r.date(), r.runId()));
    }

    /**
     * Each run's {@code peak} kernels per engine (GFLOP/s ± JMH's error), then the run's measured peak (the best of
     * them, which "% of peak" divides by) and its theoretical peak. Runs from before the peak benchmark say "not
     * measured": no figure is made up for them.
     */
    public static Table peak(List<MeasuredEngine> runs) {
        List<String> headers = new ArrayList<>(List.of("machine", "threads", "date", "run", "engine"));
        Kernel.PUBLISHED.forEach(k -> headers.add(k.name() + " GFLOP/s"));
        headers.add("best GFLOP/s");
        List<List<String>> rows = new ArrayList<>();
        Map<String, List<EngineThroughput>> byRun = byRun(runs);
        for (MeasuredEngine r : runs) {
            List<String> start = List.of(machine(r.machine()), r.computeThreads(),
                    r.date(), r.runId());
            if (!r.engine().peak().isEmpty() || !EngineName.isPyTorch(r.engine().engine())) {
                List<String> row = new ArrayList<>(start);
                row.add(r.engine().info() == null ? r.engine().engine() : r.engine().info().engine());
                for (Kernel k : Kernel.PUBLISHED) {
                    row.add(r.engine().peak().stream().filter(p -> p.kernel().equals(k)).findFirst()
                            .map(p -> number(p.gflops(), 1) + " ± " + number(p.gflopsError(), 1)).orElse("not measured"));
                }
                row.add(Peaks.best(r.engine()).map(p -> number(p.gflops(), 1) + " (" + p.kernel().name() + ")")
                        .orElse("not measured"));
                rows.add(row);
            }
            List<EngineThroughput> run = byRun.get(r.runId());
            if (run.get(run.size() - 1) == r.engine()) { // after the run's last engine: the run's two peaks
                rows.add(summaryRow(start, "measured peak (best of the run; % of peak use it)", Peaks.measured(run)
                        .map(b -> number(b.gflops(), 1) + " (" + b.engine() + " " + b.row().kernel().name() + ")")
                        .orElse("not measured")));
                Optional<TheoreticalPeak> theoretical = TheoreticalPeak.ofRun(r.machine(), r.threads());
                rows.add(summaryRow(start, "theoretical peak", theoretical.isEmpty()
                        ? "- (clock or FMA flags not recorded)" : Peaks.theoretical(Peaks.measured(run), theoretical)));
            }
        }
        return new Table(headers, rows);
    }

    /**
     * Each engine's cold start in the runs that measured one: milliseconds from the launcher starting a fresh process
     * (the engine's JVM; python for PyTorch's d2l code) to each {@link ColdStartEvent}, the median and [min-max] over
     * the run's processes. Runs from before cold starts have no row: there is nothing to show for them.
     */
    public static Table coldStart(List<MeasuredEngine> runs) {
        List<String> headers = new ArrayList<>(RUN_ENGINE_HEADERS);
        headers.addAll(List.of("batch", "input px", "runs"));
        for (ColdStartEvent event : ColdStartEvent.values()) {
            headers.add("ms to " + event.words());
        }
        List<List<String>> rows = new ArrayList<>();
        for (MeasuredEngine r : runs) {
            ColdStartRow coldStart = r.engine().coldStart();
            if (coldStart == null) {
                continue;
            }
            List<String> row = runAndEngine(r);
            row.addAll(List.of(String.valueOf(coldStart.batchSize()), String.valueOf(coldStart.inputSide()),
                    String.valueOf(coldStart.runs())));
            for (ColdStartEvent event : ColdStartEvent.values()) {
                row.add(coldStart.format(event));
            }
            rows.add(row);
        }
        return new Table(headers, rows);
    }

    private static List<String> summaryRow(List<String> start, String what, String best) {
        List<String> row = new ArrayList<>(start);
        row.add(what);
        Kernel.PUBLISHED.forEach(k -> row.add(""));
        row.add(best);
        return row;
    }

    static Map<String, List<EngineThroughput>> byRun(List<MeasuredEngine> runs) {
        Map<String, List<EngineThroughput>> byRun = new LinkedHashMap<>();
        runs.forEach(r -> byRun.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r.engine()));
        return byRun;
    }

    /** The machines of the rows above in full: what the tables' machine column abbreviates. */
    public static Table machines(List<Environment> machines) {
        // distinct rows, not distinct Environments: runs of one machine differ in their engines' variables
        List<List<String>> rows = machines.stream().map(e -> List.of(machine(e), e.os(), e.jdk(),
                (e.memoryBytes() >> 30) + " GiB", String.join(" ", e.cpuFlags()),
                e.clock().known() ? number(e.clock().mhz(), 0) + " MHz (" + e.clock().source() + ")" : "not recorded",
                e.gpus().isEmpty() ? "none" : e.gpus().stream().map(Object::toString).collect(Collectors.joining("; "))))
                .distinct().toList();
        return new Table(List.of("machine", "OS", "JDK", "memory", "SIMD flags", "clock", "GPUs"), rows);
    }

    /** Whole MiB, or "-" for none/unknown (no GPU, or no /proc). */
    static String mebibytes(long bytes) {
        return bytes <= 0 ? "-" : String.valueOf(bytes >> 20);
    }

    /** "Intel(R) Xeon(R) Processor, 2 cores (vm)": the CPU, as many cores as the JVM saw, and the host name. */
    public static String machine(Environment e) {
        return e.cpuModel() + ", " + e.cores() + " cores (" + e.host() + ")";
    }

    /**
     * "AVX-512 with vp2intersect", "AVX-512", "AVX2" or "no AVX2": what tells apart CPUs sold under one model name
     * ("AMD EPYC" is Zen 4 on one instance, Zen 5 on another), as far as the engines' kernels are concerned.
     */
    static String simd(Environment e) {
        return e.cpuFlags().contains("avx512f") ? "AVX-512" + (e.cpuFlags().contains("avx512_vp2intersect")
                ? " with vp2intersect" : "") : e.cpuFlags().contains("avx2") ? "AVX2" : "no AVX2";
    }

    /** {@link #number}, or {@link #NOT_RECORDED} for null. */
    static String numberOrNotRecorded(Double value, int decimals) {
        return value == null ? NOT_RECORDED : number(value, decimals);
    }

    /** Fixed decimals with a '.' whatever the locale, so the CSV parses everywhere; "?" for NaN (JMH gave none). */
    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
