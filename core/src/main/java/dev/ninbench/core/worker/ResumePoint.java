package dev.ninbench.core.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.spec.NinSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where an interrupted run goes on from: for each engine, the newest epoch that has both a well-formed record and a
 * checkpoint that reads back (a crash can cut off the last record line, or leave a checkpoint half written; the
 * trainer keeps the last two epochs' checkpoints so that one of them survives either). Before the run goes on, the
 * records of the epochs it will train again, and lines that are not records, leave {@code records.jsonl} for
 * {@code records-dropped.jsonl} (kept, with why), so no epoch is recorded twice.
 */
public final class ResumePoint {
    public static final String DROPPED = "records-dropped.jsonl";

    private ResumePoint() {
    }

    /** Per engine of {@code engines}, the newest epoch to go on from (0: from the start). */
    public static Map<String, Integer> lastGoodEpochs(Path runDir, NinSpec spec, Collection<String> engines) {
        return lastGoodEpochs(runDir, spec, engines, note -> { });
    }

    /**
     * {@link #lastGoodEpochs(Path, NinSpec, Collection)}, saying in one line per engine whose newest recorded epoch
     * has no readable checkpoint why that epoch is trained again ("no checkpoint of djl after epoch 3 (...)").
     */
    public static Map<String, Integer> lastGoodEpochs(Path runDir, NinSpec spec, Collection<String> engines,
                                                      java.util.function.Consumer<String> notes) {
        Map<String, TreeSet<Integer>> recorded = new LinkedHashMap<>();
        Path file = runDir.resolve(RunRecords.FILE_NAME);
        if (Files.isRegularFile(file)) {
            for (RunRecord r : RunRecords.read(file, malformed -> { })) {
                recorded.computeIfAbsent(r.engine().name(), k -> new TreeSet<>()).add(r.epoch().epoch());
            }
        }
        Map<String, Integer> last = new LinkedHashMap<>();
        for (String engine : engines) {
            int good = 0;
            String why = null;
            int newest = recorded.getOrDefault(engine, new TreeSet<>()).isEmpty() ? 0 : recorded.get(engine).last();
            for (int epoch : recorded.getOrDefault(engine, new TreeSet<>()).descendingSet()) {
                String unreadable = unreadable(runDir, engine, epoch, spec);
                if (unreadable == null) {
                    good = epoch;
                    break;
                }
                why = why == null ? unreadable : why;
            }
            if (good < newest) {
                notes.accept("no checkpoint of " + engine + " after epoch " + newest + " (" + why + "): it trains "
                        + "again from epoch " + (good + 1) + (good == 0 ? "" : ", from the checkpoint of epoch " + good));
            }
            last.put(engine, good);
        }
        return last;
    }

    /** Why the checkpoint of {@code engine} after {@code epoch} cannot be resumed from, or null when it can. */
    private static String unreadable(Path runDir, String engine, int epoch, NinSpec spec) {
        try {
            Checkpoints.read(runDir, engine, epoch, spec);
            return null;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return dev.ninbench.core.record.PortablePaths.portable(message, runDir);
        }
    }

    /**
     * Rewrites {@code records.jsonl} (atomically) without the records of each engine's epochs from its first epoch in
     * {@code firstEpochs} on and without lines that are not records; those go to {@link #DROPPED} with the reason.
     * Returns how many lines moved.
     */
    public static int dropRecordsFrom(Path runDir, Map<String, Integer> firstEpochs) {
        Path file = runDir.resolve(RunRecords.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            List<String> kept = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            for (String line : RunRecords.lines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                String why = whyDrop(line, firstEpochs);
                if (why == null) {
                    kept.add(line);
                } else {
                    dropped.add(Json.MAPPER.createObjectNode().put("dropped", Instant.now().toString())
                            .put("why", why).put("line", line).toString());
                }
            }
            if (dropped.isEmpty()) {
                return 0;
            }
            Files.write(runDir.resolve(DROPPED), dropped, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            dev.ninbench.core.io.AtomicFiles.writeLines(file, kept);
            return dropped.size();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot prepare the records for the resume: " + e.getMessage(), e);
        }
    }

    private static String whyDrop(String line, Map<String, Integer> firstEpochs) {
        RunRecord r;
        try {
            r = Json.MAPPER.readValue(line, RunRecord.class);
        } catch (JsonProcessingException e) {
            return "not a run record (" + e.getOriginalMessage() + ")";
        }
        if (r == null || r.engine() == null || r.epoch() == null) {
            return "not a run record (no engine or epoch)";
        }
        Integer first = firstEpochs.get(r.engine().name());
        return first != null && r.epoch().epoch() >= first
                ? "epoch " + r.epoch().epoch() + " of " + r.engine().name() + " is trained again from the checkpoint of "
                        + "epoch " + (first - 1) : null;
    }
}
