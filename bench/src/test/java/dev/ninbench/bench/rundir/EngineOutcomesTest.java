package dev.ninbench.bench.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineOutcomesTest {
    @TempDir
    Path runDir;

    @Test
    void aFailureThatNamesFilesIsStoredWithoutMachinePaths() throws Exception {
        String home = System.getProperty("user.home");
        Path dir = runDir.toAbsolutePath().normalize();
        EngineOutcomes.put(runDir, "djl", new EngineOutcomes.Outcome("the djl JVM died with SIGSEGV; last line of "
                + dir.resolve("djl.log") + "; crash report " + home + "/hs_err_pid42.log", 1, List.of()));
        EngineOutcomes.put(runDir, "djl", new EngineOutcomes.Outcome(null, 2, List.of()));

        assertEquals(List.of("after epoch 1: the djl JVM died with SIGSEGV; last line of djl.log; crash report "
                + "~/hs_err_pid42.log"), EngineOutcomes.read(runDir).get("djl").earlier());
        String file = Files.readString(runDir.resolve(EngineOutcomes.FILE_NAME));
        assertFalse(file.contains(dir.toString()) || file.contains(home + "/"), file);
    }

    @Test
    void aCorruptFileIsSaidNotSilentlyIgnored() throws Exception {
        assertTrue(EngineOutcomes.problem(runDir).isEmpty(), "no file, no problem");
        Files.writeString(runDir.resolve(EngineOutcomes.FILE_NAME), "{ not json");
        String problem = EngineOutcomes.problem(runDir).orElseThrow();
        assertTrue(problem.startsWith("engines.json cannot be read (") && problem.endsWith("written anew as they end"),
                problem);
    }
}
