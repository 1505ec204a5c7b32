package dev.ninbench.bench.cli;

import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.rundir.RunDirectory;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options of every command that runs engines and keeps what they did in a new run directory. Which engines run when
 * {@code --engines} is absent differs by command, so each command mixes in the subclass whose help says its default
 * and whose {@link #engineFolders()} does it.
 */
public abstract class RunOptions {
    /** {@code --engines}' description up to its default, which each subclass states. */
    static final String ENGINES = "Engines to run, e.g. djl,tf,dl4j (each engine's tuned path) or dl4j-idiomatic (its "
            + "own high-level API; nin-bench info lists the variants). Default: ";

    @Option(names = "--out", description = "Where run directories go (default: results/runs of this checkout).")
    Path out;

    /** The names given with {@code --engines}; null when it was not given. */
    List<String> engines;

    /** Whether this command runs every variant of every engine when {@code --engines} is absent. */
    abstract boolean everyVariantByDefault();

    /**
     * The folders of the engines asked for, or of this command's default ones; a one-line error for an unknown or
     * unbuilt engine, before anything starts.
     */
    List<EngineFolder> engineFolders() {
        namedOnce("--engines", engines);
        return EngineCatalog.installed().chosen(engines, everyVariantByDefault());
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

    /** {@code --engines} defaulting to each built engine's tuned path: what train, compare and scaling run. */
    public static final class TunedPaths extends RunOptions {
        @Option(names = "--engines", split = ",", paramLabel = "ENGINE", description = ENGINES + "the tuned path of "
                + "every engine built here (an -idiomatic variant runs only when named).")
        void engines(List<String> names) {
            engines = names;
        }

        @Override
        boolean everyVariantByDefault() {
            return false;
        }
    }

    /** {@code --engines} defaulting to every variant of every built engine: what throughput measures, to compare. */
    public static final class EveryVariant extends RunOptions {
        @Option(names = "--engines", split = ",", paramLabel = "ENGINE", description = ENGINES + "every variant of "
                + "every engine built here, its tuned path and its -idiomatic one.")
        void engines(List<String> names) {
            engines = names;
        }

        @Override
        boolean everyVariantByDefault() {
            return true;
        }
    }

    /**
     * Refuses a list option that names one value twice ({@code --engines djl,djl}, {@code --seeds 1,1}): a second
     * run of the same engine or seed would land in the same run directory as the first, so every command refuses it
     * the same way rather than train twice or drop one silently.
     */
    static void namedOnce(String option, List<?> values) {
        if (values == null) {
            return;
        }
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (Object v : values) {
            if (!seen.add(v)) {
                throw new IllegalArgumentException(option + " " + values.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")) + " names " + v + " twice; name each once");
            }
        }
    }
}
