package dev.ninbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.FakeBackend;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** The message of an {@code error} event, failing the test on any other event. */
    private static String message(WorkerEvent event) {
        return assertInstanceOf(WorkerEvent.Error.class, event).message();
    }

    private Job trainJob(String engine) {
        return trainJob(engine, 1);
    }

    private Job trainJob(String engine, int firstEpoch) {
        return new Job.Train(engine, 1, Device.CPU, NinSpec.tiny(), new TrainConfig(2, 64, 0.1, 42, 256, 128), "run-x", "smoke",
                dir.toString(), null, firstEpoch);
    }

    @Test
    void trainsAndAppendsOneRecordPerEpoch() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        List<WorkerEvent> events = run(trainJob("fake"), 0);
        assertInstanceOf(WorkerEvent.Info.class, events.get(0));
        assertInstanceOf(WorkerEvent.Done.class, events.get(events.size() - 1));
        assertEquals(2, events.stream().filter(e -> e instanceof WorkerEvent.Epoch).count());
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
        WorkerEvent.Error last = assertInstanceOf(WorkerEvent.Error.class, events.get(events.size() - 1));
        assertTrue(last.message().contains("OutOfMemoryError"), last.message());
        assertEquals(1, RunRecords.read(dir.resolve(RunRecords.FILE_NAME)).size());
    }

    /** Each epoch leaves its checkpoint; only the last one's is kept, and a job can go on from it. */
    @Test
    void checkpointsEveryEpochAndResumesFromTheLastOneAsIfNeverStopped() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        System.setProperty("ninbench.fake", "oom"); // dies in epoch 2, after epoch 1's checkpoint and record
        run(trainJob("fake"), EngineWorker.EXIT_FAILED);
        assertTrue(Files.exists(Checkpoints.file(dir, "fake", 1)));
        System.clearProperty("ninbench.fake");
        run(trainJob("fake", 2), 0);
        List<RunRecord> resumed = RunRecords.read(dir.resolve(RunRecords.FILE_NAME));
        assertEquals(List.of(1, 2), resumed.stream().map(r -> r.epoch().epoch()).toList());
        // the last two recorded epochs keep their checkpoints (a cut-off record still leaves one to resume from)
        assertTrue(Files.exists(Checkpoints.file(dir, "fake", 1)));
        assertTrue(Files.exists(Checkpoints.file(dir, "fake", 2)));

        Path uninterrupted = dir.resolve("whole");
        Files.createDirectories(uninterrupted);
        run(new Job.Train("fake", 1, Device.CPU, NinSpec.tiny(), new TrainConfig(2, 64, 0.1, 42, 256, 128), "run-x",
                "smoke", uninterrupted.toString(), null, 1), 0);
        List<RunRecord> whole = RunRecords.read(uninterrupted.resolve(RunRecords.FILE_NAME));
        // the fake's loss follows its step count, which only the checkpoint carried over into the new process
        assertEquals(whole.get(1).epoch().trainLoss(), resumed.get(1).epoch().trainLoss(), 0.0);
        assertEquals(whole.get(1).epoch().testLoss(), resumed.get(1).epoch().testLoss(), 0.0);
    }

    @Test
    void resumingWithoutTheCheckpointSaysSoInOneLine() throws Exception {
        List<WorkerEvent> events = run(trainJob("fake", 2), EngineWorker.EXIT_FAILED);
        String msg = message(events.get(events.size() - 1));
        assertTrue(msg.contains("no checkpoint of fake after epoch 1") && msg.contains(Checkpoints.DIR), msg);
    }

    @Test
    void unavailableEngineSaysWhy() throws Exception {
        System.setProperty("ninbench.fake", "unavailable");
        List<WorkerEvent> events = run(trainJob("fake"), EngineWorker.EXIT_UNAVAILABLE);
        assertTrue(message(events.get(1)).contains("libfake.so"), events.toString());
    }

    @Test
    void unknownEngineListsTheOnesPresent() throws Exception {
        List<WorkerEvent> events = run(trainJob("nope"), EngineWorker.EXIT_FAILED);
        String msg = message(events.get(0));
        assertTrue(msg.contains("unknown engine 'nope'") && msg.contains("fake"), msg);
    }
}
