package dev.ninbench.bench.report;

import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.results.ScalingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One {@code scaling} run directory: its results per thread count, with its settings and machine from {@code run.json}. */
public record ScalingMeasurement(String runId, String date, RunSettings.Scaling settings, List<ScalingResult> results) {
    public ScalingMeasurement {
        results = List.copyOf(results);
    }

    /** The run of {@code dir}; an error naming the file when its settings or machine cannot be read. */
    static ScalingMeasurement read(Path dir, Path scalingFile) {
        RunSettings.Scaling settings;
        try {
            settings = RunSettings.read(dir, RunSettings.Scaling.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(dir.resolve(RunSettings.FILE_NAME) + ": cannot read the settings of "
                    + scalingFile + " (" + e.getMessage().lines().findFirst().orElse("") + "), skipped");
        }
        if (settings == null || settings.environment() == null) {
            // without the machine its figures cannot be compared with anything, so they are left out
            throw new IllegalArgumentException(dir.resolve(RunSettings.FILE_NAME) + ": names no machine "
                    + "(\"environment\"), " + scalingFile + " skipped");
        }
        String runId = dir.toAbsolutePath().normalize().getFileName().toString();
        return new ScalingMeasurement(runId, ReportInputs.day(runId), settings, ScalingResult.read(scalingFile));
    }
}
