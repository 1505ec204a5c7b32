package dev.ninbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void defaultRunDirectoriesAreTheFoldersUnderRunsOldestFirst() throws Exception {
        Path runs = tmp.resolve("results/runs");
        Files.createDirectories(runs.resolve("2026-11-24_0900_b_cpu"));
        Files.createDirectories(runs.resolve("2026-11-23_0900_a_cpu"));
        Files.writeString(runs.resolve("notes.txt"), "not a run");
        assertEquals(List.of(runs.resolve("2026-11-23_0900_a_cpu"), runs.resolve("2026-11-24_0900_b_cpu")),
                ReportCommand.everyRunDirectory(runs));
        assertEquals(List.of(), ReportCommand.everyRunDirectory(tmp.resolve("missing")));
    }
}
