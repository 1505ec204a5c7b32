package dev.ninbench.bench.throughput;

import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.LatencyRow;
import dev.ninbench.bench.results.Peaks;
import dev.ninbench.bench.results.Ratios;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.engineside.ColdStartEvent;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tables printed at the end of {@code throughput}: one per engine, the cold starts, then the reasons of the
 * failed ones.
 */
public final class ThroughputTable {
    private ThroughputTable() {
    }

    public static String render(List<EngineThroughput> engines) {
        StringBuilder sb = new StringBuilder();
        Optional<Peaks.Best> peak = Peaks.measured(engines);
        for (EngineThroughput e : engines) {
            sb.append(String.format("%s%s%s%n", e.engine(), e.info() == null ? "" : ": " + describe(e.info()),
                    e.ok() ? "" : " (FAILED)"));
            sb.append(String.format("  %-9s %5s %4s %-24s %9s %6s %5s %-20s %-20s %13s %13s%n", "mode", "batch", "side",
                    "img/s", "GFLOP/s", "% peak", "cores", "/PyTorch", "/fastest", "peak RSS MiB", "peak GPU MiB"));
            for (ThroughputRow r : e.rows()) {
                sb.append(String.format("  %-9s %5d %4d %-24s %9.1f %6s %5s %-20s %-20s %13s %13s%n", r.benchmark(),
                        r.batchSize(), r.inputSide(), r.formatImagesPerSecond(1), r.gflops(),
                        Peaks.percent(r.gflops(), peak), r.formatCoresBusy(),
                        Ratios.format(Ratios.toPyTorch(engines, r)), Ratios.format(Ratios.toFastestEngine(engines, r)),
                        r.peakRssBytes() < 0 ? "?" : String.valueOf(r.peakRssBytes() >> 20),
                        r.peakDeviceBytes() <= 0 ? "-" : String.valueOf(r.peakDeviceBytes() >> 20)));
            }
            if (e.rows().isEmpty()) {
                sb.append("  (no results)\n");
            }
            if (!e.peak().isEmpty()) {
                sb.append("  peak GFLOP/s (99.9% CI): ").append(peakKernels(e, peak)).append('\n');
            }
        }
        engines.stream().flatMap(e -> e.rows().stream()).findFirst().ifPresent(r -> sb.append(String.format(
                "img/s: %s; ratios: %s%n", r.imagesOverRounds().hasInterval() ? r.imagesOverRounds().describe()
                        : "JMH's score ± half its 99.9 % interval", r.imagesOverRounds().hasInterval()
                        ? "medians of the per-round ratios, [ ] their intervals" : "of the scores")));
        if (engines.stream().anyMatch(e -> !e.latency().isEmpty())) {
            sb.append(String.format("inference latency, ms per call (every call timed):%n  %-24s %5s %4s %9s %9s %9s %8s%n",
                    "engine", "batch", "side", "p50", "p90", "p99", "calls"));
            for (EngineThroughput e : engines) {
                for (LatencyRow l : e.latency()) {
                    sb.append(String.format(Locale.ROOT, "  %-24s %5d %4d %9.2f %9.2f %9.2f %8d%n", e.engine(),
                            l.batchSize(), l.inputSide(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.samples()));
                }
            }
        }
        sb.append(coldStarts(engines));
        for (EngineThroughput e : engines) {
            if (!e.ok()) {
                sb.append(String.format("%s failed (%d result(s) kept): %s%n", e.engine(), e.rows().size(), e.failure()));
            }
        }
        return sb.toString();
    }

    /** The cold-start table: a line per engine that has one; empty when none has. */
    static String coldStarts(List<EngineThroughput> engines) {
        List<EngineThroughput> measured = engines.stream().filter(e -> e.coldStart() != null).toList();
        if (measured.isEmpty()) {
            return "";
        }
        ColdStartRow first = measured.get(0).coldStart();
        StringBuilder sb = new StringBuilder(String.format("cold start, batch %d, %d px: ms from the launcher starting a "
                + "fresh process (the engine's JVM; python for PyTorch) until each; median [min-max] over the runs%n",
                first.batchSize(), first.inputSide()));
        StringBuilder header = new StringBuilder(String.format("  %-24s %4s", "engine", "runs"));
        for (ColdStartEvent event : ColdStartEvent.values()) {
            header.append(String.format(" %-20s", event.words()));
        }
        sb.append(header.toString().stripTrailing()).append('\n');
        for (EngineThroughput e : measured) {
            StringBuilder line = new StringBuilder(String.format("  %-24s %4d", e.engine(), e.coldStart().runs()));
            for (ColdStartEvent event : ColdStartEvent.values()) {
                line.append(String.format(" %-20s", e.coldStart().format(event)));
            }
            sb.append(line.toString().stripTrailing()).append(e.coldStart().ok() ? "" : " (FAILED)").append('\n');
        }
        return sb.toString();
    }

    /** "sgemm 180.2 ± 3.1, conv3x3 401.0 ± ?, conv5x5 520.3 ± 5.0 (best of the run)". */
    static String peakKernels(EngineThroughput e, Optional<Peaks.Best> peak) {
        return e.peak().stream().map(k -> String.format(Locale.ROOT, "%s %.1f ± %s%s", k.kernel().name(), k.gflops(),
                error(k.gflopsError()), peak.isPresent() && peak.get().row() == k ? " (best of the run)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static String error(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Engine, device and its compute threads (the rest of its settings is in throughput.json). */
    private static String describe(BackendInfo info) {
        String threads = threads(info, 0, 0);
        return info.engine() + ", " + info.device() + (threads.equals("?") ? "" : ", " + threads
                + (threads.equals("1") ? " thread" : " threads"));
    }

    /**
     * The compute threads a row ran with, the one way every table and CSV shows them: the intra-op threads the engine
     * reported (its {@code threads.intraop} setting, or {@code threads} in older records), else the run's
     * {@code --threads}, else, for 0 ("all cores"), the cores of the machine; "?" when none is known.
     */
    public static String threads(BackendInfo info, int runThreads, int cores) {
        String reported = info == null ? null : info.settings().getOrDefault(SettingKeys.THREADS_INTRAOP,
                info.settings().get("threads"));
        if (reported != null) {
            return reported;
        }
        return runThreads > 0 ? String.valueOf(runThreads) : cores > 0 ? String.valueOf(cores) : "?";
    }

}
