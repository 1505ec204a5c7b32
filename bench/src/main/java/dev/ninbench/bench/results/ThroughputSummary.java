package dev.ninbench.bench.results;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A throughput run's {@code throughput.json}: each engine's {@link EngineThroughput} by engine name, with the
 * derived figures (img/s, GFLOP/s, peak memory) written out for people and other tools, and recomputed, not
 * trusted, when read back.
 */
public final class ThroughputSummary {
    public static final String FILE_NAME = "throughput.json";

    private ThroughputSummary() {
    }

    public static void write(Path runDir, List<EngineThroughput> engines) {
        Map<String, EngineThroughput> byEngine = new LinkedHashMap<>();
        engines.forEach(e -> byEngine.put(e.engine(), e));
        Path file = runDir.resolve(FILE_NAME);
        try {
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), byEngine);
            // failures name logs and crash reports by path: relative to the run, the home as ~
            dev.ninbench.core.record.PortablePaths.rewrite(file, runDir);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The engines of {@code file}, in the order they ran; a file that is not a summary is an error naming it. */
    public static List<EngineThroughput> read(Path file) {
        try {
            Map<String, EngineThroughput> byEngine = Json.MAPPER.readValue(file.toFile(), new TypeReference<
                    LinkedHashMap<String, EngineThroughput>>() { });
            return new ArrayList<>(byEngine.values());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a throughput summary (" + e.getMessage().lines()
                    .findFirst().orElse("") + ")", e);
        }
    }
}
