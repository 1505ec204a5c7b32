package dev.ninbench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ninbench.core.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MLPerf-style log of a committed training run: MLPerf's keys, in order, at the times the records give. */
class MlLogTest {
    /** The published seed-1 cpu run, its records copied into the test resources: PyTorch and three engines, 5 epochs each. */
    private static Path run() throws Exception {
        return Path.of(MlLogTest.class.getResource("/runs/2026-11-30_0237_vm_cpu").toURI());
    }

    @Test
    void aRunIsLoggedFromProcessStartToTheEpochThatReachesTheTarget() throws Exception {
        TrainedEngine djl = ReportInputs.read(List.of(run())).accuracy().stream()
                .filter(r -> r.engine().name().equals("djl")).findFirst().orElseThrow();
        List<JsonNode> events = new ArrayList<>();
        for (String line : MlLog.lines(djl, 0.75)) {
            assertTrue(line.startsWith(":::MLLOG {"), line);
            events.add(Json.MAPPER.readTree(line.substring(":::MLLOG ".length())));
        }
        List<String> keys = events.stream().map(e -> e.get("key").asText()).toList();
        assertEquals("init_start", keys.get(0));
        assertEquals("run_start", keys.get(keys.indexOf("init_stop") + 1));
        assertEquals("run_stop", keys.get(keys.size() - 1));
        // DJL reached 0.7631 in epoch 3 (records.jsonl): epochs 4 and 5 are not logged
        List<JsonNode> accuracies = events.stream().filter(e -> e.get("key").asText().equals("eval_accuracy")).toList();
        assertEquals(3, accuracies.size());
        assertEquals(0.7631, accuracies.get(2).get("value").asDouble(), 1e-9);
        assertEquals(3, accuracies.get(2).get("metadata").get("epoch_num").asInt());
        assertEquals("success", events.get(events.size() - 1).get("metadata").get("status").asText());
        // times never go back, and run_start -> run_stop is the report's wall-clock time to 0.75 (to the ms)
        long previous = Long.MIN_VALUE;
        for (JsonNode e : events) {
            assertTrue(e.get("time_ms").asLong() >= previous, e.toString());
            previous = e.get("time_ms").asLong();
        }
        long runStart = events.get(keys.indexOf("run_start")).get("time_ms").asLong();
        assertEquals(djl.wallSecondsToAccuracy(0.75).orElseThrow() * 1000, previous - runStart, 1);
    }

    @Test
    void aRunThatNeverReachesTheTargetIsAborted() throws Exception {
        TrainedEngine tf = ReportInputs.read(List.of(run())).accuracy().stream()
                .filter(r -> r.engine().name().equals("tf")).findFirst().orElseThrow();
        List<String> lines = MlLog.lines(tf, 0.99);
        assertTrue(lines.get(lines.size() - 1).contains("\"status\":\"aborted\""), lines.get(lines.size() - 1));
        assertEquals(5, lines.stream().filter(l -> l.contains("\"key\":\"eval_accuracy\"")).count());
    }
}
