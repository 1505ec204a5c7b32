package dev.ninbench.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ninbench.bench.NinBench;
import dev.ninbench.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code report --format github-action-benchmark} against the format its customBiggerIsBetter tool reads. */
class BenchmarkExportTest {
    @Test
    void theOutputIsAnArrayOfNameUnitValueRangeExtraOnePerEngineModeAndBatch() throws Exception {
        Path run = Path.of(BenchmarkExportTest.class.getResource("/report/2026-11-23_1231_vm_throughput-smoke").toURI());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, NinBench.commandLine().execute("report", "--format", BenchmarkExport.FORMAT, run.toString()));
        } finally {
            System.setOut(stdout);
        }
        JsonNode array = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(array.isArray() && array.size() > 0, array.toString());
        Set<String> names = new HashSet<>();
        for (JsonNode entry : array) {
            // the tool's fields, of its types: name, unit and value required; range and extra strings
            Set<String> fields = new HashSet<>();
            for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            assertEquals(Set.of("name", "unit", "value", "range", "extra"), fields, entry.toString());
            assertTrue(entry.get("name").isTextual() && entry.get("extra").isTextual() && entry.get("range").isTextual());
            assertTrue(entry.get("value").isNumber() && entry.get("value").asDouble() > 0, entry.toString());
            // bigger is better: images per second, never seconds
            assertEquals("img/s", entry.get("unit").asText());
            assertTrue(names.add(entry.get("name").asText()), "one entry per name: " + entry);
            assertTrue(entry.get("name").asText().matches("\\S+ (train|inference) batch \\d+, \\d+ px \\(.+\\)"),
                    entry.get("name").asText());
        }
        assertTrue(List.of(array.get(0).get("extra").asText()).get(0).contains("run 2026-11-23_1231_vm_throughput-smoke"));
    }
}
