package dev.ninbench.bench.throughput;

import dev.ninbench.bench.FakeEngines;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.ThroughputSummary;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.json.Json;
import dev.ninbench.engineside.ColdStartEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Cold starts: the processes' lines read, their times summarised and printed, and real fresh processes timed. */
class ColdStartTest {
    @TempDir
    Path tmp;

    @Test
    void aProcessesLinesBecomeMillisecondsSinceItsStartAndItsOwnOutputIsLeftAlone() {
        ColdStart.Events events = new ColdStart.Events();
        events.accept("Loading libtensorflow...");
        events.accept(ColdStartEvent.NATIVES.line(1_000_800));
        events.accept("{\"coldStart\": broken");
        events.accept(ColdStartEvent.MODEL.line(1_001_000));
        events.accept(ColdStartEvent.TRAIN_STEP.line(1_001_500));
        assertEquals("it exited without announcing 'inference'", events.failure(null));
        // python's line is written by hand the same way; JSON's own spacing parses too
        events.accept("{\"coldStart\": \"inference\", \"epochMillis\": 1001600}");
        assertNull(events.failure(null));
        assertEquals(Map.of(ColdStartEvent.NATIVES, 800L, ColdStartEvent.MODEL, 1000L, ColdStartEvent.TRAIN_STEP, 1500L,
                ColdStartEvent.INFERENCE, 1600L), events.since(1_000_000));
        assertEquals("the x JVM exited with status 3", events.failure("the x JVM exited with status 3"));

        // what the process said of its failure wins over its exit status
        ColdStart.Events failed = new ColdStart.Events();
        failed.accept(ColdStartEvent.failureLine("x is not usable here: \"libx.so\" missing"));
        assertEquals("x is not usable here: \"libx.so\" missing", failed.failure("the x JVM exited with status 1"));
    }

    @Test
    void aRowGivesEachEventsMedianAndRangeAndReadsBackFromItsJson() throws Exception {
        List<Map<ColdStartEvent, Long>> runs = List.of(run(800, 1000, 1500, 1600), run(790, 1100, 1400, 1700),
                run(830, 1050, 1450, 1650));
        ColdStartRow row = ColdStartRow.of(32, 68, runs, null);
        assertEquals(3, row.runs());
        assertEquals(List.of(800L, 790L, 830L), row.natives());
        assertEquals("800 [790-830]", row.format(ColdStartEvent.NATIVES));
        assertEquals("1450 [1400-1500]", row.format(ColdStartEvent.TRAIN_STEP));
        assertEquals(0.75, row.spread(ColdStartEvent.MODEL).coverage(), 1e-12);
        assertEquals("800", ColdStartRow.of(32, 68, runs.subList(0, 1), null).format(ColdStartEvent.NATIVES));
        ColdStartRow none = ColdStartRow.of(32, 68, List.of(), "x cold start, run 1 of 3: it died");
        assertEquals("-", none.format(ColdStartEvent.INFERENCE));
        assertFalse(none.ok());

        // in throughput.json with its engine; a summary from before cold starts reads back without one
        EngineThroughput engine = new EngineThroughput("x", null, List.of(), null, List.of(), List.of(), row);
        ThroughputSummary.write(tmp, List.of(engine));
        assertEquals(List.of(engine), ThroughputSummary.read(tmp.resolve(ThroughputSummary.FILE_NAME)));
        Files.writeString(tmp.resolve("old.json"), Json.MAPPER.writeValueAsString(Map.of("y",
                Map.of("engine", "y", "rows", List.of(), "peak", List.of()))));
        assertNull(ThroughputSummary.read(tmp.resolve("old.json")).get(0).coldStart());
    }

    @Test
    void theTablePrintsEachEnginesColdStartAfterTheEnginesAndNothingWithoutOne() {
        ColdStartRow fake = ColdStartRow.of(32, 68, List.of(run(800, 1000, 1500, 1600), run(790, 1100, 1400, 1700)), null);
        ColdStartRow broken = ColdStartRow.of(32, 68, List.of(), "broken cold start, run 1 of 2: libx.so missing");
        String table = ThroughputTable.render(List.of(new EngineThroughput("fake", null, List.of(), null, List.of(), List.of(), fake),
                new EngineThroughput("broken", null, List.of(), broken.failure(), List.of(), List.of(), broken),
                new EngineThroughput("pytorch-channels-last", null, List.of(), null)));
        assertTrue(table.contains("\ncold start, batch 32, 68 px: ms from the launcher starting a fresh process (the "
                + "engine's JVM; python for PyTorch) until each; median [min-max] over the runs\n"
                + "  engine                   runs natives loaded       model built          first train step     "
                + "first inference\n"
                + "  fake                        2 795 [790-800]        1050 [1000-1100]     1450 [1400-1500]     "
                + "1650 [1600-1700]\n"
                + "  broken                      0 -                    -                    -                    - (FAILED)\n"
                + "broken failed (0 result(s) kept): broken cold start, run 1 of 2: libx.so missing\n"), table);
        assertFalse(table.contains("pytorch-channels-last  "), table);
        assertFalse(ThroughputTable.render(List.of(new EngineThroughput("x", null, List.of(), null))).contains("cold"));
    }

    /** Fresh JVMs of core's fake engine, timed from their start; one that cannot run says why in one line. */
    @Test
    void freshEngineJvmsReachEachEventInOrderAndABrokenOneFailsInOneLine() throws Exception {
        ColdStart coldStart = new ColdStart(Profile.named("smoke").throughput(), 1, Device.CPU, List.of());
        EngineFolder fake = EngineFolder.read(FakeEngines.folder(tmp, "fake", ""));
        List<String> progress = new ArrayList<>();
        ColdStartRow row = coldStart.measure(fake, tmp, 2, progress::add);
        assertTrue(row.ok(), row.failure());
        assertEquals(2, row.runs());
        assertEquals(32, row.batchSize());
        assertInOrder(row);
        assertEquals(2, progress.size());
        assertTrue(progress.get(0).matches("run 1/2: natives loaded \\d+ ms, model built \\d+ ms, first train step \\d+ "
                + "ms, first inference \\d+ ms"), progress.get(0));
        assertTrue(Files.readString(ColdStart.log(tmp, "fake")).contains("{\"coldStart\":\"inference\""));

        EngineFolder broken = EngineFolder.read(FakeEngines.folder(tmp, "broken", "env.NINBENCH_FAKE=unavailable\n"));
        ColdStartRow failed = coldStart.measure(broken, tmp, 2, progress::add);
        assertEquals(0, failed.runs());
        assertEquals("broken cold start, run 1 of 2: broken is not usable here: libfake.so: cannot open shared object "
                + "file", failed.failure());
    }

    @Test
    void pytorchsColdStartIsTimedTheSameWay() {
        String noTorch = new PyTorchReference("/usr/bin/python3").unavailableReason();
        assumeTrue(noTorch == null, "no PyTorch here: " + noTorch);
        ColdStart coldStart = new ColdStart(Profile.named("smoke").throughput(), 1, Device.CPU, List.of());
        ColdStartRow row = coldStart.measurePyTorch(new PyTorchReference("/usr/bin/python3"), tmp, 1, line -> { });
        assertTrue(row.ok(), row.failure());
        assertEquals(1, row.runs());
        assertInOrder(row);
    }

    private static void assertInOrder(ColdStartRow row) {
        for (int i = 0; i < row.runs(); i++) {
            long natives = row.natives().get(i);
            long model = row.model().get(i);
            long step = row.trainStep().get(i);
            long inference = row.inference().get(i);
            assertTrue(0 < natives && natives <= model && model <= step && step <= inference, row.toString());
        }
    }

    private static Map<ColdStartEvent, Long> run(long natives, long model, long trainStep, long inference) {
        return Map.of(ColdStartEvent.NATIVES, natives, ColdStartEvent.MODEL, model, ColdStartEvent.TRAIN_STEP, trainStep,
                ColdStartEvent.INFERENCE, inference);
    }
}
