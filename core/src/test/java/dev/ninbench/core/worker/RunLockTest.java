package dev.ninbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondWriterIsRefusedNamingTheHolderUntilTheFirstLetsGo() {
        long pid = ProcessHandle.current().pid();
        try (RunLock first = RunLock.acquire(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunLock.acquire(dir));
            assertTrue(e.getMessage().startsWith(dir + " is being written by another nin-bench (pid " + pid + ", "),
                    e.getMessage());
            // the engine's lock is another file: a launcher and its engine hold both at once
            try (RunLock engine = RunLock.acquire(dir, RunLock.ENGINE_FILE)) {
                IllegalStateException again = assertThrows(IllegalStateException.class,
                        () -> RunLock.acquire(dir, RunLock.ENGINE_FILE));
                assertTrue(again.getMessage().contains("by another engine process (pid " + pid), again.getMessage());
            }
        }
        RunLock.acquire(dir).close(); // free again
    }

    @Test
    void aReportSeesWhoHoldsARunStillBeingWrittenAndNobodyAfterwards() {
        assertTrue(RunLock.holder(dir).isEmpty(), "no lock file yet");
        try (RunLock held = RunLock.acquire(dir)) {
            assertTrue(RunLock.holder(dir).orElseThrow().startsWith("pid " + ProcessHandle.current().pid()));
        }
        assertTrue(RunLock.holder(dir).isEmpty(), "let go");
        RunLock.acquire(dir).close(); // looking took nothing
    }
}
