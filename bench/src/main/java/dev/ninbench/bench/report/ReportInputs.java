package dev.ninbench.bench.report;

import dev.ninbench.bench.rundir.EngineOutcomes;
import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.ScalingResult;
import dev.ninbench.bench.results.ThroughputSummary;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report is made of: the training runs and throughput runs of some run directories, the per-step losses of
 * each training run directory (empty for runs from before they were kept), one line per engine that
 * failed (with its reason; the other engines' results are kept), and one line for everything that could not be read.
 * A bad file or line costs only itself, so one damaged run directory does not hide the others.
 *
 * @param suites per run id (the directory's name, and the run id its records give), the suite's code that made the
 *               run, from its {@code run.json}; runs from before it was recorded are not in it
 */
public record ReportInputs(List<TrainedEngine> accuracy, List<MeasuredEngine> throughput, List<String> failures,
                           List<String> warnings, List<RunSteps> steps, List<ScalingMeasurement> scaling,
                           Map<String, SuiteVersion> suites) {
    private static final Pattern DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})_");

    public static ReportInputs read(List<Path> runDirs) {
        List<RunRecord> records = new ArrayList<>();
        List<MeasuredEngine> throughput = new ArrayList<>();
        Map<String, Map<String, String>> trainingFailures = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<RunSteps> steps = new ArrayList<>();
        List<ScalingMeasurement> scaling = new ArrayList<>();
        Map<String, SuiteVersion> suites = new LinkedHashMap<>();
        for (Path dir : runDirs) {
            Provenance.suite(dir, warnings::add).ifPresent(s -> suites.put(dir.toAbsolutePath().normalize().getFileName().toString(), s));
            Path scalingFile = dir.resolve(ScalingResult.FILE_NAME);
            if (Files.isRegularFile(scalingFile)) {
                try {
                    scaling.add(ScalingMeasurement.read(dir, scalingFile));
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    warnings.add(e.getMessage());
                }
                continue;
            }
            Path recordFile = dir.resolve(RunRecords.FILE_NAME);
            Path summaryFile = dir.resolve(ThroughputSummary.FILE_NAME);
            List<List<EngineThroughput>> rounds = Files.isRegularFile(summaryFile) ? List.of()
                    : finishedRounds(dir, warnings);
            if (!Files.isRegularFile(recordFile) && !Files.isRegularFile(summaryFile) && rounds.isEmpty()) {
                warnings.add(dir + ": no " + RunRecords.FILE_NAME + ", " + ThroughputSummary.FILE_NAME + " or "
                        + ScalingResult.FILE_NAME + ", skipped");
                continue;
            }
            String runId = dir.toAbsolutePath().normalize().getFileName().toString();
            if (Files.isRegularFile(recordFile)) {
                try {
                    List<RunRecord> runRecords = RunRecords.read(recordFile, warnings::add);
                    records.addAll(runRecords);
                    Provenance.suite(dir, w -> { }).ifPresent(s -> runRecords // its warnings were given above
                            .forEach(r -> suites.putIfAbsent(r.runId(), s)));
                    if (!runRecords.isEmpty()) {
                        steps.add(RunSteps.read(dir, runRecords, warnings::add));
                    }
                } catch (UncheckedIOException | IllegalArgumentException e) {
                    warnings.add(e.getMessage());
                }
            }
            EngineOutcomes.read(dir).forEach((engine, outcome) -> {
                if (!outcome.ok()) {
                    trainingFailures.computeIfAbsent(runId, k -> new LinkedHashMap<>()).put(engine, outcome.failure());
                    failures.add(runId + ": " + engine + " failed after epoch " + outcome.lastEpoch() + ": "
                            + outcome.failure());
                }
            });
            try {
                if (Files.isRegularFile(summaryFile)) {
                    throughput.addAll(throughputRuns(dir, summaryFile, ThroughputSummary.read(summaryFile), null));
                } else if (!rounds.isEmpty()) {
                    // a run that stopped between rounds: the rounds it finished, summed up as the run would have
                    List<MeasuredEngine> partial = throughputRuns(dir, summaryFile,
                            ThroughputSummary.ofFinishedRounds(rounds), "partial: " + rounds.size() + " of "
                                    + plannedRounds(dir) + " rounds");
                    throughput.addAll(partial);
                    failures.add(runId + ": " + partial.get(0).partial() + " (it stopped between rounds; `nin-bench "
                            + "throughput --resume` goes on); its figures are those of the rounds it has");
                }
            } catch (IllegalArgumentException | UncheckedIOException e) {
                warnings.add(e.getMessage());
            }
        }
        throughput.stream().filter(t -> !t.engine().ok()).forEach(t -> failures.add(t.runId() + ": " + t.engine().engine()
                + " failed (" + t.engine().rows().size() + " benchmark result(s) kept): " + t.engine().failure()));
        scaling.stream().flatMap(r -> r.results().stream().flatMap(t -> t.engines().stream()
                .filter(e -> !e.ok()).map(e -> r.runId() + ": " + e.engine() + " at " + t.threads() + " thread(s) "
                        + "failed (" + e.rows().size() + " result(s) kept): " + e.failure()))).forEach(failures::add);
        return new ReportInputs(TrainedEngine.of(records, trainingFailures), throughput, failures, warnings, steps,
                scaling, Map.copyOf(suites));
    }

    /** The finished rounds' results of a run without a summary; none, with a warning, where one cannot be read. */
    private static List<List<EngineThroughput>> finishedRounds(Path dir, List<String> warnings) {
        try {
            return ThroughputSummary.finishedRounds(dir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            warnings.add(e.getMessage());
            return List.of();
        }
    }

    /** The rounds a throughput run's run.json planned, or "?". */
    private static String plannedRounds(Path dir) {
        try {
            RunSettings.Throughput run = RunSettings.read(dir, RunSettings.Throughput.class);
            return run == null || run.throughput() == null ? "?" : String.valueOf(run.throughput().rounds());
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * The {@code engines} of one throughput run, each with the machine and profile its run.json names.
     *
     * @param partial how much of a run that stopped between rounds they are ({@link MeasuredEngine#partial})
     */
    private static List<MeasuredEngine> throughputRuns(Path dir, Path summaryFile, List<EngineThroughput> engines,
                                                       String partial) {
        Path runJson = dir.resolve(RunSettings.FILE_NAME);
        RunSettings.Throughput run;
        try {
            run = RunSettings.read(dir, RunSettings.Throughput.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(runJson + ": cannot read the machine of " + summaryFile + " ("
                    + e.getMessage().lines().findFirst().orElse("") + "), skipped");
        }
        Environment machine = run == null ? null : run.environment();
        if (machine == null) {
            // without the machine its figures cannot be compared with anything, so they are left out
            throw new IllegalArgumentException(runJson + ": names no machine (\"environment\"), " + summaryFile + " skipped");
        }
        String runId = dir.toAbsolutePath().normalize().getFileName().toString();
        String day = day(runId);
        List<MeasuredEngine> runs = new ArrayList<>();
        for (EngineThroughput engine : engines) {
            runs.add(new MeasuredEngine(machine, runId, run.profile(), day, engine, run.threads(), run.suite(),
                    partial));
        }
        return runs;
    }

    /** The day (yyyy-MM-dd) a run directory's name starts with, or "?". */
    static String day(String runId) {
        Matcher date = DATE.matcher(runId);
        return date.find() ? date.group(1) : "?";
    }
}
