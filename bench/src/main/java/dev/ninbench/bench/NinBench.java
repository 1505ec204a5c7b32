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

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with one-line errors: a stack trace only with {@code --verbose}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new NinBench());
        cl.setHelpFactory(new SpaceWrappedHelp()); // every command's, after they were added
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
