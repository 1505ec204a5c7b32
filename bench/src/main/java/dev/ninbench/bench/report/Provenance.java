package dev.ninbench.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ninbench.bench.rundir.RunResume;
import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a chart was made from, for its title: the machine(s) (CPU model, cores and SIMD), the run(s) and the suite's
 * commit(s) that made them, so that a chart seen on its own still says where its figures come from.
 *
 * @param machines "AMD EPYC, 2 cores, AVX-512", each once
 * @param runs     the run ids, each once, oldest first (a run id starts with its date)
 * @param commits  the suite's commits of those runs, each once, in the runs' order ("2c636de2c286", "+ changes"
 *                 when the checkout had uncommitted changes, ", resumed at" the suites that went on with it where
 *                 they differ, "not recorded" for runs from before it was)
 */
public record Provenance(List<String> machines, List<String> runs, List<String> commits) {

    /** The machines, runs and the commits {@code suites} gives those runs. */
    public static Provenance of(Collection<Environment> machines, Collection<String> runIds,
                                Map<String, SuiteVersion> suites) {
        // the SIMD too: one model name covers CPUs that compute and run at different speeds (Zen 4 and Zen 5 EPYCs)
        return new Provenance(machines.stream().map(m -> m.cpuModel() + ", " + m.cores() + " cores, "
                        + ReportTables.simd(m)).distinct().toList(),
                runIds.stream().distinct().sorted().toList(),
                runIds.stream().distinct().sorted().map(id -> commit(suites.get(id))).distinct().toList());
    }

    /**
     * "AMD EPYC, 2 cores, AVX2; runs r1, r2; commit 2c636de2c286"; more than {@link #LISTED} runs or commits are given
     * as the first and last with their count, so that a title still fits its chart (every run and its commit is in
     * history.md).
     */
    public String describe() {
        return String.join(" / ", machines) + "; " + plural("run", runs) + "; " + plural("commit", commits);
    }

    /** How many runs or commits a title lists one by one. */
    static final int LISTED = 3;

    /** The chart's title: what it shows, then where from ({@link #describe}). */
    public String title(String what) {
        return what + " | " + describe();
    }

    /**
     * The suite that made the run in {@code runDir}, from its {@code run.json}, with the suites that resumed it (its
     * {@link RunResume}s; a line that is not one goes to {@code warnings}); empty when not recorded.
     */
    static Optional<SuiteVersion> suite(Path runDir, Consumer<String> warnings) {
        return started(runDir).map(s -> s.resumedBy(RunResume.read(runDir, warnings)));
    }

    private static Optional<SuiteVersion> started(Path runDir) {
        Path file = runDir.resolve(RunSettings.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // every kind of run.json has it under the same key, so the kind need not be known
            JsonNode suite = Json.MAPPER.readTree(file.toFile()).path("suite");
            return suite.isObject() ? Optional.of(Json.MAPPER.treeToValue(suite, SuiteVersion.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the run's other readers say what is wrong with the file
        }
    }

    private static String commit(SuiteVersion suite) {
        return suite == null ? "not recorded" : suite.label();
    }

    private static String plural(String word, List<String> items) {
        return word + (items.size() == 1 ? " " : "s ") + (items.size() <= LISTED ? String.join(", ", items)
                : items.get(0) + " to " + items.get(items.size() - 1) + " (" + items.size() + ")");
    }
}
