package dev.ninbench.bench;

import dev.ninbench.bench.cli.CompareCommand;
import dev.ninbench.bench.cli.DataCommand;
import dev.ninbench.bench.cli.InfoCommand;
import dev.ninbench.bench.cli.OverheadCommand;
import dev.ninbench.bench.cli.ReportCommand;
import dev.ninbench.bench.cli.ScalingCommand;
import dev.ninbench.bench.cli.SpaceWrappedHelp;
import dev.ninbench.bench.cli.ThroughputCommand;
import dev.ninbench.bench.cli.TrainCommand;
import dev.ninbench.bench.rundir.SuiteVersion;
import java.io.IOException;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code nin-bench} command. This JVM is only the launcher: it holds no engine, and runs each engine in a JVM
 * of its own (docs/design.md, "One JVM per engine").
 */
@Command(name = "nin-bench", mixinStandardHelpOptions = true, versionProvider = NinBench.Version.class,
        description = "NiN (Network in Network, d2l) on Java deep-learning engines, compared on Fashion-MNIST.",
        subcommands = {InfoCommand.class, TrainCommand.class, ThroughputCommand.class, ScalingCommand.class, CompareCommand.class, ReportCommand.class, DataCommand.class, OverheadCommand.class, CommandLine.HelpCommand.class})
public final class NinBench {

    /**
     * What to give the launcher's heap at least. Measured: {@code data} fails at 48 MiB and passes at 64, as does
     * {@code report} of the published runs; {@code train} also holds the data for PyTorch's row, so twice that.
     */
    static final int HEAP_NEEDED_MIB = 128;

    public static void main(String[] args) {
        int status;
        try {
            status = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println("nin-bench: " + outOfHeap(Runtime.getRuntime().maxMemory(),
                    System.getenv("JAVA_TOOL_OPTIONS")));
            status = 2;
        }
        System.exit(status);
    }

    /**
     * The one line for a launcher that ran out of Java heap: its limit, where a small limit likely came from, and what
     * it needs (the engines' own JVMs have their own limits, in their engine.properties).
     */
    static String outOfHeap(long maxHeapBytes, String javaToolOptions) {
        boolean fromEnv = javaToolOptions != null && javaToolOptions.contains("-Xmx");
        return "the launcher ran out of Java heap (its limit: " + (maxHeapBytes >> 20) + " MiB"
                + (fromEnv ? ", from -Xmx in JAVA_TOOL_OPTIONS" : "") + "); it needs about " + HEAP_NEEDED_MIB
                + " MiB: raise -Xmx" + (fromEnv ? " in JAVA_TOOL_OPTIONS" : "") + " or leave it out";
    }

    /** The command line with one-line errors: a stack trace only with {@code --verbose}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NinBench());
        cl.setHelpFactory(new SpaceWrappedHelp()); // every command's, after they were added
        cl.registerConverter(java.nio.file.Path.class, NinBench::path);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("nin-bench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        });
        return cl;
    }

    /**
     * A path argument; one this JVM cannot represent gets a message that says why: without a UTF-8 locale (LANG=C),
     * the JVM cannot name a file with letters outside ASCII, and sees them as '?'.
     */
    static java.nio.file.Path path(String value) {
        try {
            return java.nio.file.Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a path this JVM can use ("
                    + e.getReason() + "; file names are encoded as " + System.getProperty("sun.jnu.encoding")
                    + "): for names outside ASCII, run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
        }
    }

    /** {@code --version}: the build's version, the checkout's commit (as run.json records it) and the JVM. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (var in = NinBench.class.getResourceAsStream("/nin-bench-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            SuiteVersion suite = SuiteVersion.current();
            return new String[] {"nin-bench " + p.getProperty("version", "(version unknown: not built by Maven)")
                    + ", commit " + suite.commit() + (suite.modified() ? " (modified)" : ""),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
