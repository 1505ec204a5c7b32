package dev.ninbench.bench.cli;

import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.launch.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of every command that runs engines and keeps what they did in a new run directory. */
public final class RunOptions {
    @Option(names = "--engines", split = ",", description = "Engines to run, e.g. djl,tf,dl4j (each engine's tuned "
            + "path) or dl4j-idiomatic (its own high-level API; nin-bench info lists the variants). Default: every "
            + "engine built here.")
    List<String> engines;

    @Option(names = "--out", description = "Where run directories go (default: results/runs of this checkout).")
    Path out;

    /** The chosen engines' folders; a one-line error for an unknown or unbuilt engine, before anything starts. */
    List<EngineFolder> engineFolders() {
        return EngineCatalog.installed().chosen(engines);
    }

    /** As {@link #engineFolders()}, with every variant of every engine when none was named. */
    List<EngineFolder> everyVariantFolders() {
        return EngineCatalog.installed().chosen(engines, true);
    }

    /** A new directory for this run (never an earlier run's). */
    Path newRunDirectory(String host, String kind) {
        return RunDirectory.create(out != null ? out : defaultResults(), host, kind);
    }

    /** {@code results/runs} of the checkout the {@code nin-bench} script runs from. */
    static Path defaultResults() {
        String home = System.getProperty("ninbench.home");
        return (home != null ? Path.of(home) : Path.of("")).resolve("results").resolve("runs");
    }
}
