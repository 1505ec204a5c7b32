package dev.ninbench.bench.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollapsedLogTest {
    @TempDir
    Path dir;

    @Test
    void aRunOfIdenticalLinesIsOneLineAndACount() throws Exception {
        Path file = dir.resolve("djl-latency-jmh.log");
        Files.writeString(file, "before\n");
        try (CollapsedLog log = CollapsedLog.append(file)) {
            log.line("# Warmup Iteration 1");
            for (int i = 0; i < 19_681; i++) {
                log.line("[W NNPACK.cpp:64] Could not initialize NNPACK! Reason: Unsupported hardware.");
            }
            log.line("Iteration 1: 2.6 ms/op");
            log.line("Iteration 1: 2.6 ms/op");
            log.line("");
            log.line("done");
            log.line("done");
        }
        assertEquals(List.of("before", "# Warmup Iteration 1",
                "[W NNPACK.cpp:64] Could not initialize NNPACK! Reason: Unsupported hardware.",
                "... (repeated 19,680 times)", "Iteration 1: 2.6 ms/op", "... (repeated 1 times)", "", "done",
                "... (repeated 1 times)"), Files.readAllLines(file));
    }

    @Test
    void aStreamIsCopiedCollapsed() throws Exception {
        Path file = dir.resolve("tf.log");
        try (CollapsedLog log = CollapsedLog.append(file)) {
            log.copy(new ByteArrayInputStream("a\nb\nb\nb\nc\n".getBytes(StandardCharsets.UTF_8))).join();
        }
        assertEquals(List.of("a", "b", "... (repeated 2 times)", "c"), Files.readAllLines(file));
    }
}
