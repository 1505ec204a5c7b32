package dev.ninbench.bench.results;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ninbench.core.io.AtomicFiles;
import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

    /**
     * The folder of round {@code round} of a run in rounds: its JMH files, and its own {@code throughput.json} once
     * the round finished, so that an interrupted run keeps its finished rounds.
     */
    public static Path roundDir(Path runDir, int round) {
        return runDir.resolve("round-" + round);
    }

    /**
     * The results of a run's finished rounds, round 1 first: each round's engines as its {@code throughput.json}
     * holds them, up to the first round without one (a round cut off, or none yet).
     */
    public static List<List<EngineThroughput>> finishedRounds(Path runDir) {
        List<List<EngineThroughput>> rounds = new ArrayList<>();
        for (int k = 1; Files.isRegularFile(roundDir(runDir, k).resolve(FILE_NAME)); k++) {
            rounds.add(read(roundDir(runDir, k).resolve(FILE_NAME)));
        }
        return rounds;
    }

    /**
     * Each engine over the finished {@code rounds}, as a run in rounds sums them up ({@link EngineThroughput#ofRounds},
     * without what is measured after the rounds): what a run that stopped between rounds holds.
     */
    public static List<EngineThroughput> ofFinishedRounds(List<List<EngineThroughput>> rounds) {
        Map<String, List<EngineThroughput>> perRound = new LinkedHashMap<>();
        rounds.forEach(round -> round.forEach(e -> perRound.computeIfAbsent(e.engine(), k -> new ArrayList<>()).add(e)));
        List<EngineThroughput> engines = new ArrayList<>();
        perRound.forEach((engine, results) -> engines.add(EngineThroughput.ofRounds(engine, results, List.of(), null,
                null)));
        return engines;
    }

    public static void write(Path runDir, List<EngineThroughput> engines) {
        Map<String, EngineThroughput> byEngine = new LinkedHashMap<>();
        engines.forEach(e -> byEngine.put(e.engine(), e));
        Path file = runDir.resolve(FILE_NAME);
        try {
            // in one step: a run killed while it writes must not leave half a summary of a finished round
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(byEngine));
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
