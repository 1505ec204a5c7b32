package dev.ninbench.bench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.rundir.EngineOutcomes;
import dev.ninbench.core.machine.Environment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a training run says before it starts about variants that compute wrong on the machine. */
class TrainingRunTest {
    private static Environment machine(String... flags) {
        return new Environment("vm", "AMD EPYC", List.of(flags), 2, 8L << 30, "Test OS", "Test JDK 17", Map.of(),
                List.of(), null);
    }

    @Test
    void aVariantWithAKnownFaultOnThisCpuIsNamedBeforeItTrains() {
        List<String> warnings = TrainingRun.knownFaults(List.of("pytorch", "djl-idiomatic", "tf"),
                machine("avx512f", "avx512_vp2intersect"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("djl-idiomatic (avx512_vp2intersect): libtorch 2.7.1 computes the input"
                + " gradient of some NCHW convolutions wrong on this CPU"), warnings.get(0));
        // the variant checks itself and stops rather than train wrong, so its rows will count: the line says so
        assertTrue(warnings.get(0).contains("rather than train wrong; "), warnings.get(0));
        assertTrue(warnings.get(0).endsWith("`train --resume` replays its epoch exactly"), warnings.get(0));
    }

    @Test
    void noWarningOnOtherCpusOrForOtherEngines() {
        assertEquals(List.of(), TrainingRun.knownFaults(List.of("djl-idiomatic"), machine("avx512f", "avx2")));
        assertEquals(List.of(), TrainingRun.knownFaults(List.of("djl", "tf-idiomatic"),
                machine("avx512_vp2intersect")));
    }

    /** A full disk at the engines.json write: one warning, the run goes on to its table, no temporary file left. */
    @Test
    void anOutcomeThatCannotBeWrittenIsAWarningNotTheEndOfTheRun(@TempDir Path run) throws Exception {
        // a write that fails as on a full disk: engines.json is a folder that cannot be replaced
        Files.createDirectories(run.resolve(EngineOutcomes.FILE_NAME).resolve("x"));
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertFalse(TrainingRun.recordOutcome(run, "djl", new EngineOutcomes.Outcome("the djl JVM died", 2)));
        } finally {
            System.setErr(realErr);
        }
        String warning = err.toString(StandardCharsets.UTF_8);
        assertTrue(warning.startsWith("nin-bench: warning: " + run.resolve(EngineOutcomes.FILE_NAME)
                + ": cannot write how the engines ended: "), warning);
        assertTrue(warning.contains("djl's records and checkpoints say how far it got"), warning);
        try (Stream<Path> files = Files.list(run)) {
            assertEquals(List.of(EngineOutcomes.FILE_NAME), files.map(f -> f.getFileName().toString()).toList());
        }
        assertTrue(TrainingRun.recordOutcome(Files.createDirectories(run.resolve("other")), "djl",
                new EngineOutcomes.Outcome(null, 5)));
    }
}
