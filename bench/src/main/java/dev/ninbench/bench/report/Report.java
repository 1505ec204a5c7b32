package dev.ninbench.bench.report;

import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.machine.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a report into a folder: {@code README.md} (tables and charts); for training runs {@code accuracy.csv},
 * {@code epochs.csv}, {@code accuracy.png} and {@code accuracy-time.png}, and, when they have them, the seeds' and per-step files
 * ({@link TrainingReport}); when there are throughput runs, {@code throughput.csv}, {@code peak.csv} and
 * {@code throughput-ratios.png}, {@code latency.csv} and {@code latency.png} when they measured latency, and
 * {@code coldstart.csv} and {@code coldstart.png} when they measured cold starts.
 */
public final class Report {
    /** Hand-written notes next to the report (not made by it), linked from it when present. */
    static final String PERFORMANCE_NOTES = "performance/README.md";

    private Report() {
    }

    /**
     * @param command the command that made it, quoted in the README so anyone can make it again
     * @return the files written
     */
    public static List<Path> write(ReportInputs inputs, List<Path> runDirs, Path out, double targetAccuracy,
                                   String command) {
        // every file goes to a staging folder first and moves into place only when all are written: a report that
        // fails partway leaves the previous one whole, never a new CSV beside an old README
        Path staging = out.resolve(".report-staging");
        try {
            Files.createDirectories(out);
            deleteStaging(staging);
            List<Path> staged = writeInto(staging, inputs, runDirs, out, targetAccuracy, command);
            List<Path> written = new ArrayList<>();
            for (Path file : staged) {
                Path target = out.resolve(staging.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target);
            }
            deleteStaging(staging);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the report there: "
                    + dev.ninbench.core.engine.Failures.reason(e) + " (--out must be a directory that can be written)", e);
        }
    }

    private static void deleteStaging(Path staging) throws IOException {
        if (Files.exists(staging)) {
            try (java.util.stream.Stream<Path> files = Files.walk(staging)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /** The report's files, written into {@code dir}; {@code out} is where they will be read (for relative links). */
    private static List<Path> writeInto(Path dir, ReportInputs inputs, List<Path> runDirs, Path out,
                                        double targetAccuracy, String command) throws IOException {
        List<Path> written = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        md.append("# Results\n\n");
        md.append("Made by `").append(command).append("`: every table, CSV and chart here comes from the run ")
                .append("records of the run directories listed at the end (`records.jsonl`: one line per finished ")
                .append("epoch and engine; `throughput.json`: JMH's results per engine). Do not edit them by hand; ")
                .append("run the command again. Each row names the machine (CPU, cores the JVM saw, host), the JDK, ")
                .append("the engine version, its threads, the profile and the date.\n\n");
        md.append(Summary.markdown(inputs, targetAccuracy));
        {
            Files.createDirectories(dir);
            if (!inputs.throughput().isEmpty()) {
                Table throughput = ReportTables.throughput(inputs.throughput());
                written.add(writeString(dir.resolve("throughput.csv"), LongCsvs.throughput(inputs.throughput()).csv()));
                md.append("## Throughput (JMH)\n\n").append(ThroughputCharts.ratios(inputs.throughput(), inputs.suites())
                        .map(f -> f.write(dir, "throughput-ratios.png", "throughput relative to PyTorch", written))
                        .orElse("")).append(throughput.markdown())
                        .append("\nimg/s: JMH's batches per second x batch, ± half its 99.9 % confidence interval ")
                        .append("(\"?\": too few iterations for one); for a run in rounds, the median of the rounds' ")
                        .append("scores with [ ] its order-statistic interval, and each ratio the median of its ")
                        .append("per-round ratios with theirs. GFLOP/s: img/s x forward FLOPs per image, x3 for ")
                        .append("a training step. % of peak: that GFLOP/s over the run's measured peak (below). ")
                        .append("x PyTorch: over the fastest of the run's PyTorch rows of the same shape (the d2l ")
                        .append("code as written, and channels_last where the run has it). ")
                        .append("Peak RSS: the JMH fork's `VmHWM`. The same rows, one number a column (intervals' ends ")
                        .append("and each ratio's in columns of their own): [throughput.csv](throughput.csv).\n\n");
                Table peak = ReportTables.peak(inputs.throughput());
                written.add(writeString(dir.resolve("peak.csv"), peak.csv()));
                md.append("### Peak\n\n").append(peak.markdown())
                        .append("\nEach engine's fp32 GFLOP/s on large dense work through its own ops (JMH, ")
                        .append("`PeakBenchmark`): ").append(Kernel.PUBLISHED.stream().map(Kernel::describe)
                                .collect(Collectors.joining("; ")))
                        .append(" (FLOPs counted in core, a multiply-add as 2). The measured peak, the best of them ")
                        .append("over the engines of a run, is what \"% of peak\" divides by. The theoretical peak ")
                        .append("(cores x clock x fp32 lanes x 2 FLOP per FMA x 2 FMA units per core, the last ")
                        .append("assumed, the clock as the machine reported it) is shown for comparison only. ")
                        .append("Same rows: [peak.csv](peak.csv).\n\n");
                md.append(Repeatability.markdown(inputs.throughput()));
                optionalSection(ReportTables.latency(inputs.throughput()), "Inference latency", "latency.csv",
                        "Milliseconds one inference call took (the logits of one batch on the host), percentiles over "
                        + "every timed call: JMH's sample mode (`LatencyBenchmark`) for the engines, the same loop "
                        + "timed per call for PyTorch. Measured once per row after the rounds, not interleaved: "
                        + "compare rows with the run-to-run spread in mind.", dir, md, written);
                ThroughputCharts.latency(inputs.throughput(), inputs.suites())
                        .ifPresent(f -> md.append(f.write(dir, "latency.png", "inference latency", written)));
                optionalSection(ReportTables.coldStart(inputs.throughput()), "Cold start", "coldstart.csv",
                        "Milliseconds from the launcher starting a fresh process (the engine's JVM; python for "
                        + "PyTorch's d2l code as the book writes it) until the engine's native libraries are loaded "
                        + "(PyTorch: torch imported), the d2l NiN is built with its initial weights, the first "
                        + "training step and the first inference are done (batch and input as in the columns): the "
                        + "median [min-max] over the run's processes, one after another after the run's rounds.",
                        dir, md, written);
                ThroughputCharts.coldStart(inputs.throughput(), inputs.suites())
                        .ifPresent(f -> md.append(f.write(dir, "coldstart.png", "cold start", written)));
                if (Files.exists(out.resolve(PERFORMANCE_NOTES))) {
                    md.append("What was tried to make each engine fast, and what each change gave (A/B runs of one ")
                            .append("engine switch each): [performance notes](").append(PERFORMANCE_NOTES)
                            .append(").\n\n");
                }
            }
            if (!inputs.scaling().isEmpty()) {
                scaling(inputs.scaling(), dir, md, written, Files.exists(out.resolve(PERFORMANCE_NOTES)));
            }
            TrainingReport.write(inputs, dir, targetAccuracy,
                    Files.exists(out.resolve(TrainingReport.ACCURACY_NOTES)), md, written);
            List<Path> logs = MlLog.write(inputs.accuracy(), dir.resolve(MlLog.DIR), targetAccuracy);
            if (!logs.isEmpty()) {
                written.addAll(logs);
                md.append("MLPerf-style logs of the training runs (`:::MLLOG` lines: run_start at the engine process's ")
                        .append("start, epochs, evaluations, run_stop at the first epoch reaching ")
                        .append(targetAccuracy).append(" test accuracy), readable by MLPerf's logging tools: [")
                        .append(MlLog.DIR).append("/](").append(MlLog.DIR).append("/).\n\n");
            }
            if (!inputs.failures().isEmpty()) {
                md.append("## Failed engines\n\nTheir finished epochs and results are in the tables above; the other ")
                        .append("engines of the same runs are unaffected.\n\n");
                inputs.failures().forEach(f -> md.append("- ").append(f.replace("|", "/")).append('\n'));
                md.append('\n');
            }
            List<Environment> machines = new ArrayList<>();
            inputs.throughput().forEach(t -> machines.add(t.machine()));
            inputs.accuracy().forEach(a -> machines.add(a.machine()));
            md.append("## Machines\n\n").append(ReportTables.machines(machines).markdown()).append('\n');
            if (!inputs.warnings().isEmpty()) {
                md.append("## Skipped\n\n");
                inputs.warnings().forEach(w -> md.append("- `").append(w.replace("`", "'")).append("`\n"));
                md.append('\n');
            }
            md.append("## Run directories\n\n");
            runDirs.forEach(d -> md.append("- `").append(relative(out, d)).append("`\n"));
            written.add(0, writeString(dir.resolve("README.md"), md.toString()));
        }
        return written;
    }

    /**
     * The scaling section: the newest scaling run's figure and table ({@code scaling.png}), and every scaling run's
     * points in {@code scaling.csv}.
     */
    private static void scaling(List<ScalingRun> runs, Path dir, StringBuilder md, List<Path> written,
                                boolean notes) throws IOException {
        ScalingRun newest = runs.stream().max(java.util.Comparator.comparing(ScalingRun::runId)).orElseThrow();
        ScalingReport.chart(newest, dir.resolve("scaling.png"));
        written.add(dir.resolve("scaling.png"));
        written.add(writeString(dir.resolve("scaling.csv"), ScalingReport.csv(runs).csv()));
        md.append("## Scaling: how training cost grows with work\n\n![scaling](scaling.png)\n\n")
                .append(ScalingReport.table(newest.results()).markdown())
                .append("\nRun `").append(newest.runId()).append("` (").append(newest.settings().environment()
                        .cpuModel()).append("): training img/s of each engine's tuned path and each PyTorch row at ")
                .append("each input side and thread count, the median of ").append(newest.settings().throughput()
                        .rounds()).append(" interleaved rounds with [ ] its order-statistic interval; % of peak: its ")
                .append("GFLOP/s over the best peak kernel of any engine at the same thread count; cores busy: the ")
                .append("fork's CPU time over the wall time of its measured iterations (\"?\": not measured, runs ")
                .append("before it), more than the threads where an engine's kernels start threads of their own. ")
                .append("In the chart, ")
                .append("solid lines are the most threads, dashed fewer. Every scaling run's points, one number a ")
                .append("column: [scaling.csv](scaling.csv).")
                .append(notes ? " What the figure shows, and which of its points are not what their labels say: [performance "
                        + "notes](" + PERFORMANCE_NOTES + ")." : "").append("\n\n");
    }

    /** A section with its table and CSV, only when the table has rows (older runs measured none). */
    private static void optionalSection(Table table, String title, String csv, String text, Path dir,
                                        StringBuilder md, List<Path> written) throws IOException {
        if (table.rows().isEmpty()) {
            return;
        }
        written.add(writeString(dir.resolve(csv), table.csv()));
        md.append("### ").append(title).append("\n\n").append(table.markdown()).append('\n').append(text)
                .append(" Same rows: [").append(csv).append("](").append(csv).append(").\n\n");
    }

    static Path writeString(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The run directory as seen from the report, so the README's paths work wherever the checkout is. */
    private static String relative(Path out, Path dir) {
        try {
            return out.toAbsolutePath().normalize().relativize(dir.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return dir.toString();
        }
    }
}
