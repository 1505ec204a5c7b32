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
}
