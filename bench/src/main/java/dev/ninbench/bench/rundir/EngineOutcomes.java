package dev.ninbench.bench.rundir;

import dev.ninbench.core.record.PortablePaths;
import com.fasterxml.jackson.core.type.TypeReference;
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
 * How each engine of a training run ended, in the run directory's {@code engines.json}: the records say which epochs
 * finished, this says why the others did not, so a report can mark a failed engine next to the good ones. Written
 * after each engine (a resumed run updates its engines' entries); a launcher killed outright leaves its last state,
 * and the records still tell how far each engine got.
 */
public final class EngineOutcomes {
    public static final String FILE_NAME = "engines.json";
    /**
     * How the failure of an engine that a signal stopped begins ("interrupted by SIGINT in epoch 3 ..."): not a
     * fault of the engine, and {@code train --resume} goes on from its last finished epoch.
     */
    public static final String INTERRUPTED = "interrupted";

    private EngineOutcomes() {
    }

    /**
     * @param failure   one line, or null when the engine finished
     * @param lastEpoch the last epoch it finished (0: none)
     * @param earlier   why earlier invocations of the run stopped, oldest first: a resume never drops them
     */
    public record Outcome(String failure, int lastEpoch, List<String> earlier) {
        public Outcome {
            earlier = earlier == null ? List.of() : List.copyOf(earlier);
        }

        public Outcome(String failure, int lastEpoch) {
            this(failure, lastEpoch, List.of());
        }

        public boolean ok() {
            return failure == null;
        }
    }

    /** The file in {@code runDir}, or none when it does not exist or cannot be read (an old or damaged run). */
    public static Map<String, Outcome> read(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Outcome>>() { });
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Why the file in {@code runDir} cannot be read, when it is there and cannot; empty otherwise. */
    public static java.util.Optional<String> problem(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try {
            Json.MAPPER.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Outcome>>() { });
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of(FILE_NAME + " cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "); how the engines ended before is lost, and it is written anew as they end");
        }
    }

    /**
     * Sets {@code engine}'s entry, keeping the others, atomically (a reader never sees half a file). An earlier entry's
     * failure moves into the new entry's {@code earlier}, so a resume keeps why the run stopped before.
     */
    public static void put(Path runDir, String engine, Outcome outcome) {
        Map<String, Outcome> all = new LinkedHashMap<>(read(runDir));
        Outcome before = all.get(engine);
        List<String> earlier = new ArrayList<>(before == null ? List.of() : before.earlier());
        if (before != null && before.failure() != null) {
            earlier.add("after epoch " + before.lastEpoch() + ": " + before.failure());
        }
        earlier.addAll(outcome.earlier());
        // a failure names its log or crash report by path: written relative to the run, so no machine path is stored
        all.put(engine, new Outcome(PortablePaths.portable(outcome.failure(), runDir), outcome.lastEpoch(),
                earlier.stream().map(e -> PortablePaths.portable(e, runDir)).toList()));
        Path file = runDir.resolve(FILE_NAME);
        try {
            dev.ninbench.core.io.AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write how the engines ended: " + e.getMessage(), e);
        }
    }
}
