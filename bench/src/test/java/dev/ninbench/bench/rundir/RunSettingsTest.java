package dev.ninbench.bench.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.profile.Profile;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.DropoutMode;
import dev.ninbench.core.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aTrainRunGoesThroughItsFileUnderTheKeysOfBefore() throws Exception {
        RunSettings.Train run = new RunSettings.Train("cpu", List.of("djl", "tf"), NinSpec.tiny(),
                new TrainConfig(5, 128, 0.1, 1, 0, 0), 2, Device.gpu(1), "/data", new SuiteVersion("abc", false), null);
        run.write(dir);
        assertEquals(run, RunSettings.read(dir, RunSettings.Train.class));
        // no python: the key stays, null, as the run without PyTorch's row always wrote it
        assertEquals(List.of("profile", "engines", "spec", "config", "threads", "device", "data", "suite", "pytorch"),
                keys(dir.resolve(RunSettings.FILE_NAME)));
    }

    @Test
    void aThroughputRunGoesThroughItsFileUnderTheKeysOfBefore() throws Exception {
        Path fixture = Path.of(getClass().getResource("/report/2026-11-23_1231_vm_throughput-smoke").toURI());
        RunSettings.Throughput old = RunSettings.read(fixture, RunSettings.Throughput.class);
        Environment machine = old.environment();
        assertEquals(0, old.throughput().coldStartRuns(), "a run from before cold starts measured none");
        RunSettings.Throughput run = new RunSettings.Throughput("smoke", List.of("djl"), Profile.named("smoke")
                .throughput(), 0, Device.CPU, List.of("-Dx=y"), machine, new SuiteVersion("abc", true));
        run.write(dir);
        assertEquals(run, RunSettings.read(dir, RunSettings.Throughput.class));
        assertEquals(List.of("profile", "engines", "throughput", "threads", "device", "jvmOptions", "environment",
                "suite", "jmhArgs", "pytorch"), keys(dir.resolve(RunSettings.FILE_NAME)));
    }

    /**
     * A run.json of each kind and era of the published runs (copied from results/ into the test resources'
     * {@code runs/}: the early train run, throughput runs before and after jvmOptions and suite, a scaling run, the
     * newest throughput run and a train run with PyTorch's row) still loads, each as its kind.
     */
    @Test
    void aRunDirectoryOfEachKindAndEraLoads() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(runs())) {
            files = walk.filter(f -> f.getFileName().toString().equals(RunSettings.FILE_NAME)).sorted().toList();
        }
        assertEquals(7, files.size(), files.toString());
        int training = 0;
        for (Path file : files) {
            Path runDir = file.getParent();
            if (runDir.getFileName().toString().endsWith("_scaling")) {
                RunSettings.Scaling run = RunSettings.read(runDir, RunSettings.Scaling.class);
                assertNotNull(run.environment(), file.toString());
                assertNotNull(run.throughput(), file.toString());
                assertFalse(run.engines().isEmpty() || run.inputSides().isEmpty() || run.threadCounts().isEmpty(),
                        file.toString());
            } else if (runDir.getFileName().toString().contains("throughput")) {
                RunSettings.Throughput run = RunSettings.read(runDir, RunSettings.Throughput.class);
                assertNotNull(run.environment(), file.toString());
                assertNotNull(run.throughput(), file.toString());
                assertFalse(run.engines().isEmpty(), file.toString());
            } else {
                RunSettings.Train run = RunSettings.read(runDir, RunSettings.Train.class);
                assertTrue(run.spec() != null && run.config() != null && run.engines() != null, file.toString());
                training++;
            }
        }
        assertTrue(training > 0, files.toString());
    }

    /** A run from before the suite's commit, PyTorch's row and shared masks were recorded reads with their fallbacks. */
    @Test
    void anEarlyTrainRunReadsWithTheFallbacks() throws Exception {
        Path early = runs().resolve("2026-11-23_1326_vm_cpu");
        RunSettings.Train run = RunSettings.read(early, RunSettings.Train.class);
        assertEquals("cpu", run.profile());
        assertEquals(List.of("djl", "tf", "dl4j"), run.engines());
        assertEquals(96, run.spec().inputSide());
        assertEquals(DropoutMode.ENGINE, run.config().dropout());
        assertEquals(Device.CPU, run.device());
        assertNull(run.suite());
        assertNull(run.pytorch());

        RunSettings.Train later = RunSettings.read(runs().resolve("2026-11-30_0237_vm_cpu"),
                RunSettings.Train.class);
        assertEquals("/usr/bin/python3", later.pytorch());
        assertEquals(DropoutMode.SHARED, later.config().dropout());
        assertNotNull(later.suite());
    }

    @Test
    void missingKeysReadAsTheFallbacksAndUnknownOnesAreSkipped() throws Exception {
        Files.writeString(dir.resolve(RunSettings.FILE_NAME), "{\"threads\": 3, \"fromAnotherSuite\": true}");
        RunSettings.Train train = RunSettings.read(dir, RunSettings.Train.class);
        assertEquals(new RunSettings.Train("?", null, null, null, 3, Device.CPU, null, null, null), train);
        RunSettings.Throughput throughput = RunSettings.read(dir, RunSettings.Throughput.class);
        assertEquals(new RunSettings.Throughput("?", List.of(), null, 3, Device.CPU, List.of(), null, null), throughput);
    }

    /** The test resources' copies of published run directories (their run.json; records for one). */
    static Path runs() throws Exception {
        return Path.of(RunSettingsTest.class.getResource("/runs").toURI());
    }

    private static List<String> keys(Path file) throws Exception {
        List<String> keys = new ArrayList<>();
        Json.MAPPER.readTree(file.toFile()).fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
