package dev.ninbench.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReplacedWholeAndNoTemporaryStays() throws IOException {
        Path file = dir.resolve("sub/records.jsonl");
        AtomicFiles.writeLines(file, List.of("a", "b"));
        AtomicFiles.writeString(file, "c\n");
        assertEquals("c\n", Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path file = dir.resolve("engines.json");
        AtomicFiles.writeString(file, "old");
        // the move fails: the target is a non-empty folder
        Path folder = dir.resolve("folder");
        Files.createDirectories(folder.resolve("inside"));
        assertThrows(IOException.class, () -> AtomicFiles.writeString(folder, "new"));
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count());
        }
    }
}
