package dev.ninbench.core.record;

import dev.ninbench.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads and appends run records (JSON Lines, one {@link RunRecord} per line). */
public final class RunRecords {
    public static final String FILE_NAME = "records.jsonl";

    private RunRecords() {
    }

    /** Appends one line and forces it to disk before returning, so a crash right after cannot lose it. */
    public static void append(Path file, RunRecord record) {
        try {
            byte[] line = (Json.MAPPER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(line));
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot append run record: " + e.getMessage(), e);
        }
    }

    /** Every record in {@code file}; a malformed line is an error naming the file and line. */
    public static List<RunRecord> read(Path file) {
        return read(file, malformed -> {
            throw new IllegalArgumentException(malformed);
        });
    }

    /**
     * Every well-formed record in {@code file}; each malformed line is passed to {@code onMalformed} as one line
     * naming the file and line ("file:3: not a run record (...)") and skipped, so a report can still use the good
     * lines of a file that a crash or a hand edit damaged.
     */
    public static List<RunRecord> read(Path file, Consumer<String> onMalformed) {
        List<String> lines = lines(file);
        List<RunRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                RunRecord record = Json.MAPPER.readValue(lines.get(i), RunRecord.class);
                if (record != null && record.schema() > RunRecord.SCHEMA) {
                    // not a damaged line: a format this version cannot read right, so it is neither guessed at nor dropped
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": written by a newer nin-bench (record "
                            + "schema " + record.schema() + "; this one reads schemas up to " + RunRecord.SCHEMA
                            + "); upgrade nin-bench to read or resume this run");
                }
                String missing = missingParts(record);
                if (missing.isEmpty()) {
                    records.add(record);
                } else {
                    onMalformed.accept(file + ":" + (i + 1) + ": not a run record (no " + missing + ")");
                }
            } catch (JsonProcessingException e) {
                onMalformed.accept(file + ":" + (i + 1) + ": not a run record (" + e.getOriginalMessage() + ")");
            }
        }
        return records;
    }

    /**
     * The file's lines, decoded leniently: bytes that are not UTF-8 (a crash's garbage, a disk error) become U+FFFD in
     * their own line, which then fails to parse as a record and costs only itself, instead of failing the whole file.
     */
    public static List<String> lines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read run records: " + e.getMessage(), e);
        }
    }

    /** The parts a reader of a record relies on that it lacks (JSON that parses can still omit them), or "". */
    private static String missingParts(RunRecord r) {
        if (r == null) {
            return "content (the line is JSON null)";
        }
        String[] names = {"runId", "time", "engine", "spec", "config", "environment", "epoch"};
        Object[] parts = {r.runId(), r.time(), r.engine(), r.spec(), r.config(), r.environment(), r.epoch()};
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (parts[i] == null) {
                missing.add(names[i]);
            }
        }
        return String.join(", ", missing);
    }
}
