package dev.ninbench.bench.report;

import com.fasterxml.jackson.core.type.TypeReference;
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
 * @param engine  the engine and variant it concerns ({@code djl-idiomatic})
 * @param cpuFlag the CPU flag of the machines it concerns; null for every machine
 * @param summary one line of plain text, what {@code train} prints before it trains the engine on such a machine
 * @param text    one paragraph in Markdown
 */
public record Caveat(String engine, String cpuFlag, String summary, String text) {
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

    /** The caveats that concern one of {@code engines} on one of {@code machines}. */
    public static List<Caveat> concerning(Collection<String> engines, Collection<Environment> machines) {
        return known().stream().filter(c -> engines.contains(c.engine()) && (c.cpuFlag() == null
                || machines.stream().anyMatch(m -> m.cpuFlags().contains(c.cpuFlag())))).toList();
    }
}
