package dev.ninbench.bench.results;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code scaling} run measured at one thread count: each engine's (and PyTorch row's) training rows, one per
 * input side, and each engine's peak kernels at that thread count, so that "% of peak" at one thread divides by what
 * one thread can do. A run's {@code scaling.json} is the list of them, one per thread count.
 */
public record ScalingResult(int threads, List<EngineThroughput> engines) {
    public static final String FILE_NAME = "scaling.json";

    public ScalingResult {
        engines = List.copyOf(engines);
    }

    /** The measured peak at this thread count: the best kernel of any engine; empty when none was measured. */
    public Optional<Peaks.Best> peak() {
        return Peaks.measured(engines);
    }

    public static void write(Path runDir, List<ScalingResult> results) {
        Path file = runDir.resolve(FILE_NAME);
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The results of {@code file}; a file that is not one is an error naming it. */
    public static List<ScalingResult> read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), new TypeReference<List<ScalingResult>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a scaling summary (" + e.getMessage().lines()
                    .findFirst().orElse("") + ")", e);
        }
    }
}
