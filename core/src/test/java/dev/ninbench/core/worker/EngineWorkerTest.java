package dev.ninbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.core.engine.FakeBackend;
import dev.ninbench.core.record.Json;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineWorkerTest {
    @TempDir
    Path dir;

    @AfterEach
    void normal() {
        System.clearProperty("ninbench.fake");
    }

    private List<WorkerEvent> run(Job job, int expectedStatus) throws Exception {
        Path file = dir.resolve("job.json");
        Json.MAPPER.writeValue(file.toFile(), job);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new EngineWorker(new PrintStream(out, true, StandardCharsets.UTF_8)).run(file);
        List<WorkerEvent> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            events.add(Json.MAPPER.readValue(line, WorkerEvent.class));
        }
        assertEquals(expectedStatus, status, events.toString());
        return events;
    }

    private Job trainJob(String engine) {
        return Job.train(engine, 1, NinSpec.tiny(), new TrainConfig(2, 64, 0.1, 42, 256, 128), "run-x", "smoke",
                dir.toString(), null);
    }

    @Test
    void trainsAndAppendsOneRecordPerEpoch() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        List<WorkerEvent> events = run(trainJob("fake"), 0);
        assertEquals(WorkerEvent.INFO, events.get(0).event());
        assertEquals(WorkerEvent.DONE, events.get(events.size() - 1).event());
        assertEquals(2, events.stream().filter(e -> e.event().equals(WorkerEvent.EPOCH)).count());
        List<RunRecord> records = RunRecords.read(dir.resolve(RunRecords.FILE_NAME));
        assertEquals(2, records.size());
        assertEquals("run-x", records.get(1).runId());
        assertEquals(4, records.get(0).epoch().steps(), "256 images in batches of 64");
        assertEquals(0.5, records.get(0).epoch().testAccuracy(), 1e-12);
        assertEquals(1, records.get(0).threads());
    }

    @Test
    void failureMidRunKeepsFinishedEpochsAndSaysWhyInOneLine() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        System.setProperty("ninbench.fake", "oom");
        List<WorkerEvent> events = run(trainJob("fake"), EngineWorker.EXIT_FAILED);
        WorkerEvent last = events.get(events.size() - 1);
        assertEquals(WorkerEvent.ERROR, last.event());
        assertTrue(last.message().contains("OutOfMemoryError"), last.message());
        assertEquals(1, RunRecords.read(dir.resolve(RunRecords.FILE_NAME)).size());
    }

    @Test
    void unavailableEngineSaysWhy() throws Exception {
        System.setProperty("ninbench.fake", "unavailable");
        List<WorkerEvent> events = run(trainJob("fake"), EngineWorker.EXIT_UNAVAILABLE);
        assertTrue(events.get(1).message().contains("libfake.so"), events.toString());
    }

    @Test
    void unknownEngineListsTheOnesPresent() throws Exception {
        List<WorkerEvent> events = run(trainJob("nope"), EngineWorker.EXIT_FAILED);
        String msg = events.get(0).message();
        assertTrue(msg.contains("unknown engine 'nope'") && msg.contains("fake"), msg);
    }
}
