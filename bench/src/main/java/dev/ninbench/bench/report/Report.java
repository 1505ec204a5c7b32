package dev.ninbench.bench.report;

import dev.ninbench.core.machine.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        boolean earlier = Files.isRegularFile(out.resolve(HISTORY)); // the folder holds a report already
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
            if (earlier) {
                removeStale(out, written);
            }
            headline(inputs, out).ifPresent(written::add);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the report there: "
                    + dev.ninbench.core.engine.Failures.reason(e) + " (--out must be a directory that can be written)", e);
        }
    }

    /**
     * A chart or CSV of an earlier report that this one did not write (a run gone, or a chart whose runs no longer
     * qualify, such as seconds from runs that shared their machine): left in place it would be published beside
     * pages that no longer speak of it. Only in a folder that held a report already, and only the report's own kinds
     * of file at its top (charts and CSVs, plain or gzipped) and its MLPerf logs' run folders: notes and anything
     * else stay.
     */
    static void removeStale(Path out, List<Path> written) throws IOException {
        java.util.Set<Path> kept = new java.util.HashSet<>();
        written.forEach(w -> kept.add(w.toAbsolutePath().normalize()));
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (GENERATED.matcher(f.getFileName().toString()).matches()
                        && !kept.contains(f.toAbsolutePath().normalize())) {
                    Files.delete(f);
                    System.err.println("nin-bench: removed " + f + ", which this report no longer makes");
                }
            }
        }
        Path logs = out.resolve(MlLog.DIR);
        if (Files.isDirectory(logs)) {
            try (java.util.stream.Stream<Path> runs = Files.list(logs)) {
                for (Path run : runs.filter(Files::isDirectory).toList()) {
                    boolean used = kept.stream().anyMatch(k -> k.startsWith(run.toAbsolutePath().normalize()));
                    if (!used) {
                        try (java.util.stream.Stream<Path> inside = Files.list(run)) {
                            for (Path f : inside.toList()) {
                                Files.delete(f);
                            }
                        }
                        Files.delete(run);
                    }
                }
            }
        }
    }

    /** The names of the files a report writes at the top of its folder: its charts and its CSVs. */
    private static final java.util.regex.Pattern GENERATED =
            java.util.regex.Pattern.compile("[a-z0-9_.-]+\\.(png|csv|csv\\.gz)");

    /** Where the project README marks the block that {@link #headline} rewrites. */
    static final String HEADLINE_BEGIN = "<!-- results:begin (written by ./nin-bench report; do not edit) -->";
    static final String HEADLINE_END = "<!-- results:end -->";

    /**
     * Rewrites the block between {@link #HEADLINE_BEGIN} and {@link #HEADLINE_END} in the {@code README.md} one folder
     * above {@code out} (the project's, when {@code out} is its results folder), so a visitor sees the headline before
     * how the suite works; nothing when that README has no such block.
     */
    private static java.util.Optional<Path> headline(ReportInputs inputs, Path out) throws IOException {
        Path parent = out.toAbsolutePath().normalize().getParent();
        Path readme = parent == null ? null : parent.resolve("README.md");
        if (readme == null || !Files.isRegularFile(readme)) {
            return java.util.Optional.empty();
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(HEADLINE_BEGIN);
        int end = text.indexOf(HEADLINE_END);
        if (begin < 0 || end < begin) {
            return java.util.Optional.empty();
        }
        String page = parent.relativize(out.toAbsolutePath().normalize().resolve("README.md")).toString();
        String block = HEADLINE_BEGIN + "\n" + FirstScreen.headline(inputs.throughput(), page);
        dev.ninbench.core.io.AtomicFiles.writeString(readme, text.substring(0, begin) + block + text.substring(end));
        return java.util.Optional.of(readme);
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
        Files.createDirectories(dir);
        boolean performanceNotes = Files.exists(out.resolve(PERFORMANCE_NOTES));
        StringBuilder history = new StringBuilder(Prose.fill("history-intro", Map.of("command", command)));
        history.append(Summary.markdown(inputs, targetAccuracy));
        String ratioChart = inputs.throughput().isEmpty() ? ""
                : throughput(inputs, dir, history, written, performanceNotes);
        if (!inputs.scaling().isEmpty()) {
            scaling(inputs.scaling(), dir, history, written, performanceNotes);
        }
        TrainingReport.write(inputs, dir, targetAccuracy, Files.exists(out.resolve(TrainingReport.ACCURACY_NOTES)),
                history, written);
        mlLogs(inputs, dir, targetAccuracy, history, written);
        failuresAndMachines(inputs, history);
        history.append("## Run directories\n\n");
        runDirs.forEach(d -> history.append("- `").append(relative(out, d)).append("`\n"));
        written.add(writeString(dir.resolve(HISTORY), history.toString()));
        written.add(writeString(dir.resolve(ColumnDictionary.FILE_NAME), ColumnDictionary.markdown(dir, written)));
        written.add(0, writeString(dir.resolve("README.md"), FirstPage.markdown(inputs, command, written, dir, ratioChart,
                targetAccuracy, performanceNotes, Files.exists(out.resolve(TrainingReport.ACCURACY_NOTES)))));
        return written;
    }

    /**
     * The throughput sections of the history page (peak, repeatability, over commits, latency and cold start) and
     * their CSVs and charts; returns the first page's ratio chart ("" when there is none).
     */
    private static String throughput(ReportInputs inputs, Path dir, StringBuilder history, List<Path> written,
                                     boolean performanceNotes) throws IOException {
        written.add(writeString(dir.resolve("throughput.csv"), LongCsvs.throughput(inputs.throughput()).csv()));
        String ratioChart = ThroughputCharts.ratios(inputs.throughput(), inputs.suites())
                .map(f -> f.write(dir, "throughput-ratios.png", "throughput relative to PyTorch", written))
                .orElse("");
        written.add(writeString(dir.resolve("peak.csv"), IntervalCsvs.peak(inputs.throughput()).csv()));
        history.append(Prose.fill("peak", Map.of("table", ReportTables.peak(inputs.throughput()).markdown())));
        history.append(Repeatability.markdown(inputs.throughput()));
        commitHistory(inputs, dir, history, written);
        csvIfRows(ReportTables.latency(inputs.throughput()), "latency.csv", dir, written);
        csvIfRows(IntervalCsvs.coldStart(inputs.throughput()), "coldstart.csv", dir, written);
        history.append(Prose.of("latency-coldstart"));
        ThroughputCharts.latency(inputs.throughput(), inputs.suites())
                .ifPresent(f -> history.append(f.write(dir, "latency.png", "inference latency", written)));
        ThroughputCharts.coldStart(inputs.throughput(), inputs.suites())
                .ifPresent(f -> history.append(f.write(dir, "coldstart.png", "cold start", written)));
        if (performanceNotes) {
            history.append(Prose.fill("performance-notes", Map.of("notes", PERFORMANCE_NOTES)));
        }
        return ratioChart;
    }

    /** Each machine's figures against commit order ({@code history.csv}, a chart per machine with two runs or more). */
    private static void commitHistory(ReportInputs inputs, Path dir, StringBuilder history, List<Path> written)
            throws IOException {
        List<CommitHistory> commits = CommitHistory.of(inputs.throughput());
        written.add(writeString(dir.resolve("history.csv"), CommitHistory.csv(commits).csv()));
        List<String> commitCharts = new ArrayList<>();
        for (int i = 0; i < commits.size(); i++) {
            if (commits.get(i).points().size() < 2) {
                commitCharts.add("");
                continue;
            }
            String png = "history-" + (i + 1) + ".png";
            ChartStyle.save(commits.get(i).chart(), dir.resolve(png));
            written.add(dir.resolve(png));
            commitCharts.add("![against the fastest PyTorch, run after run](" + png + ")\n\n");
        }
        history.append(CommitHistory.markdown(commits, commitCharts));
    }

    /** The MLPerf-style logs of the training runs, and the line that links them. */
    private static void mlLogs(ReportInputs inputs, Path dir, double targetAccuracy, StringBuilder history,
                               List<Path> written) throws IOException {
        List<Path> logs = MlLog.write(inputs.accuracy(), dir.resolve(MlLog.DIR), targetAccuracy);
        if (!logs.isEmpty()) {
            written.addAll(logs);
            history.append(Prose.fill("mllog", Map.of("target", String.valueOf(targetAccuracy), "dir", MlLog.DIR)));
        }
    }

    /** The failed engines, the machines, and what was skipped. */
    private static void failuresAndMachines(ReportInputs inputs, StringBuilder history) {
        if (!inputs.failures().isEmpty()) {
            StringBuilder list = new StringBuilder();
            inputs.failures().forEach(f -> list.append("- ").append(f.replace("|", "/")).append('\n'));
            history.append(Prose.fill("failed-engines", Map.of("list", list.toString())));
        }
        List<Environment> machines = new ArrayList<>();
        inputs.throughput().forEach(t -> machines.add(t.machine()));
        inputs.accuracy().forEach(a -> machines.add(a.machine()));
        history.append("## Machines\n\n").append(ReportTables.machines(machines).markdown()).append('\n');
        if (!inputs.warnings().isEmpty()) {
            history.append("## Skipped\n\n");
            inputs.warnings().forEach(w -> history.append("- `").append(w.replace("`", "'")).append("`\n"));
            history.append('\n');
        }
    }

    /** The page with every run, older machines and repeats: what the first page leaves out. */
    static final String HISTORY = "history.md";

    /**
     * The scaling section: the newest scaling run's figure and table ({@code scaling.png}), and every scaling run's
     * points in {@code scaling.csv}.
     */
    private static void scaling(List<ScalingMeasurement> runs, Path dir, StringBuilder md, List<Path> written,
                                boolean notes) throws IOException {
        ScalingMeasurement newest = runs.stream().max(java.util.Comparator.comparing(ScalingMeasurement::runId)).orElseThrow();
        ScalingReport.chart(newest, dir.resolve("scaling.png"));
        written.add(dir.resolve("scaling.png"));
        written.add(writeString(dir.resolve("scaling.csv"), ScalingReport.csv(runs).csv()));
        md.append(Prose.fill("scaling", Map.of("table", ScalingReport.table(newest.results()).markdown(),
                "run", newest.runId(), "cpu", newest.settings().environment().cpuModel(),
                "rounds", String.valueOf(newest.settings().throughput().rounds()),
                "notes", notes ? " What the figure shows, and which of its points are not what their labels say: "
                        + "[performance notes](" + PERFORMANCE_NOTES + ")." : "")));
    }

    /** The table's CSV, only when it has rows (older runs measured none). */
    private static void csvIfRows(Table table, String csv, Path dir, List<Path> written) throws IOException {
        if (!table.rows().isEmpty()) {
            written.add(writeString(dir.resolve(csv), table.csv()));
        }
    }

    static Path writeString(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * {@code text} gzipped into {@code file}, for a CSV too long to publish as text (every step of every run): the
     * same bytes on every run of the report (Java writes no time or name into the gzip header), and read as is by
     * pandas, R and {@code zcat}.
     */
    static Path writeGzip(Path file, String text) throws IOException {
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** Whether a file the report writes is one of its CSVs, plain or gzipped. */
    static boolean isCsv(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") || name.endsWith(".csv.gz");
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
