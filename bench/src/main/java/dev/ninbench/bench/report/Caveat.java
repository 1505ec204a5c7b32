package dev.ninbench.bench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/**
 * A known correctness caveat of an engine or variant that a reader of the results must see next to its figures. Kept
 * as data ({@code report/caveats.json} in the bench jar), so that adding one is an edit of that file; the report shows
 * those whose engine is in the published runs, on a machine with the CPU flag that triggers it.
 *
 * @param engine    the engine and variant it concerns ({@code djl-idiomatic})
 * @param cpuFlag   the CPU flag of the machines it concerns; null for every machine
 * @param clearedBy the engine setting a run records when the engine checked itself against the fault and would have
 *                  stopped rather than train wrong (a value from "off" says the check did not run); null when no
 *                  check exists. A run without it on such a machine is no evidence of the engine's accuracy.
 * @param summary   one line of plain text, what {@code train} prints before it trains the engine on such a machine
 * @param text      one paragraph in Markdown
 */
public record Caveat(String engine, String cpuFlag, String clearedBy, String summary, String text) {
    private static final String RESOURCE = "/report/caveats.json";

    /** Every known caveat. */
    public static List<Caveat> known() {
        try (InputStream in = Caveat.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bench jar");
            }
            return Json.MAPPER.readValue(in, new TypeReference<List<Caveat>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": cannot read the known caveats", e);
        }
    }

    /**
     * Whether a known caveat makes one run of {@code engine} on {@code machine} no evidence of its accuracy: the
     * machine has the CPU flag, and the run did not record the check that would have stopped it.
     */
    public static boolean voids(BackendInfo engine, Environment machine) {
        return known().stream().anyMatch(c -> c.voidsRun(engine, machine));
    }

    boolean voidsRun(BackendInfo engine, Environment machine) {
        String check = clearedBy == null ? null : engine.settings().get(clearedBy);
        return concerns(engine.name(), machine) && (check == null || check.startsWith("off"));
    }

    private boolean concerns(String engineName, Environment machine) {
        return engine.equals(engineName) && (cpuFlag == null || machine.cpuFlags().contains(cpuFlag));
    }

    /** The caveats that concern one of {@code engines} on one of {@code machines}. */
    public static List<Caveat> concerning(Collection<String> engines, Collection<Environment> machines) {
        return known().stream().filter(c -> engines.stream().anyMatch(e -> machines.stream()
                .anyMatch(m -> c.concerns(e, m)))).toList();
    }
}
