package dev.ninbench.bench.rundir;

import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code train --resume} of a run, a line of its {@code resumes.jsonl}: when, by which suite, and from which epoch
 * each row went on. A run resumed after the suite changed has epochs trained by two commits; without this line its
 * {@code run.json} would name only the first. Appended, never rewritten, so the run's own settings stay as written.
 *
 * @param at        when the resume started (ISO-8601, UTC)
 * @param suite     the suite's code that went on
 * @param fromEpoch per row (engine or {@code pytorch}), the first epoch it trained again
 */
public record RunResume(String at, SuiteVersion suite, Map<String, Integer> fromEpoch) {
    /** The file's name in a training run's directory. */
    public static final String FILE_NAME = "resumes.jsonl";

    public RunResume {
        fromEpoch = fromEpoch == null ? Map.of() : Map.copyOf(fromEpoch);
    }

    /** Appends this resume to {@code runDir}'s {@link #FILE_NAME}. */
    public void appendTo(Path runDir) throws IOException {
        Files.writeString(runDir.resolve(FILE_NAME), Json.MAPPER.writeValueAsString(this) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * The resumes of the run in {@code runDir}, oldest first; none when it was never resumed. A line that is not a
     * resume (a write cut off by a crash) is named to {@code warnings} and skipped: the run's figures do not depend
     * on it.
     */
    public static List<RunResume> read(Path runDir, Consumer<String> warnings) {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<RunResume> resumes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                RunResume r = Json.MAPPER.readValue(lines.get(i), RunResume.class);
                if (r.suite() != null) {
                    resumes.add(r);
                    continue;
                }
            } catch (IOException e) {
                // named below
            }
            warnings.accept(file + ":" + (i + 1) + ": not a resume, skipped (expected {\"at\", \"suite\", "
                    + "\"fromEpoch\"})");
        }
        return resumes;
    }
}
