package dev.ninbench.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordsTest {
    @TempDir
    Path dir;

    static RunRecord record(int epoch) {
        BackendInfo info = new BackendInfo("fake", "Fake 1.0", "1.0", "cpu", true, null, Map.of("threads", "2"), List.of("cpu"));
        NinSpec spec = NinSpec.d2l(96);
        return new RunRecord(RunRecord.SCHEMA, "run-1", "smoke", "2026-11-23T10:00:00Z", info, spec,
                spec.parameterCount(), spec.forwardFlops(), new TrainConfig(5, 128, 0.1, 42, 0, 0), 2,
                Environment.capture(), new EpochResult(epoch, 469, 2.1, 0.25, 1.9, 0.37, 190.0, 12.0, 315.8, 0.02), 205.0 * epoch);
    }

    @Test
    void appendedRecordsReadBackInOrder() {
        Path file = dir.resolve("sub/records.jsonl");
        RunRecords.append(file, record(1));
        RunRecords.append(file, record(2));
        List<RunRecord> back = RunRecords.read(file);
        assertEquals(List.of(record(1).epoch(), record(2).epoch()), back.stream().map(RunRecord::epoch).toList());
        assertEquals(NinSpec.d2l(96), back.get(0).spec());
        assertEquals(1_992_166, back.get(0).parameters());
        assertEquals(record(1).environment(), back.get(0).environment());
    }

    @Test
    void environmentNamesTheMachine() {
        Environment env = Environment.capture();
        assertTrue(env.cores() >= 1);
        assertFalse(env.cpuModel().isBlank());
        assertTrue(env.jdk().contains(System.getProperty("java.runtime.version")));
        if (Files.exists(Path.of("/proc/meminfo"))) {
            assertTrue(env.memoryBytes() > 100L << 20, "memory " + env.memoryBytes());
        }
    }

    @Test
    void malformedLineIsAnErrorNamingFileAndLine() throws Exception {
        Path file = dir.resolve("records.jsonl");
        RunRecords.append(file, record(1));
        Files.writeString(file, "{\"schema\": 1, \"oops\n", java.nio.file.StandardOpenOption.APPEND);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunRecords.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: not a run record"), e.getMessage());
    }

    @Test
    void malformedLinesCanBeSkippedAndReported() throws Exception {
        Path file = dir.resolve("records.jsonl");
        RunRecords.append(file, record(1));
        Files.writeString(file, "not json\n{\"schema\": 1, \"runId\": \"r\"}\n", java.nio.file.StandardOpenOption.APPEND);
        RunRecords.append(file, record(2));
        List<String> malformed = new java.util.ArrayList<>();
        List<RunRecord> good = RunRecords.read(file, malformed::add);
        assertEquals(List.of(1, 2), good.stream().map(r -> r.epoch().epoch()).toList());
        assertEquals(2, malformed.size());
        assertTrue(malformed.get(0).startsWith(file + ":2: not a run record"), malformed.get(0));
        assertEquals(file + ":3: not a run record (no time, engine, spec, config, environment, epoch)", malformed.get(1));
    }

    @Test
    void bytesThatAreNotUtf8CostOnlyTheirLine() throws Exception {
        Path file = dir.resolve("records.jsonl");
        RunRecords.append(file, record(1));
        Files.write(file, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        List<String> malformed = new java.util.ArrayList<>();
        List<RunRecord> good = RunRecords.read(file, malformed::add);
        assertEquals(List.of(1), good.stream().map(r -> r.epoch().epoch()).toList());
        assertEquals(1, malformed.size());
        assertTrue(malformed.get(0).startsWith(file + ":2: not a run record"), malformed.get(0));
    }

    @Test
    void aRecordOfANewerSchemaIsRefusedNamingBothVersions() throws Exception {
        Path file = dir.resolve("records.jsonl");
        RunRecords.append(file, record(1));
        String newer = Files.readString(file).strip().replace("\"schema\":" + RunRecord.SCHEMA, "\"schema\":99");
        Files.writeString(file, newer + "\n", java.nio.file.StandardOpenOption.APPEND);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunRecords.read(file, m -> { }));
        assertEquals(file + ":2: written by a newer nin-bench (record schema 99; this one reads schemas up to "
                + RunRecord.SCHEMA + "); upgrade nin-bench to read or resume this run", e.getMessage());
    }
}
