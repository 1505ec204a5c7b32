package dev.ninbench.bench.cli;

import dev.ninbench.bench.report.BenchmarkExport;
import dev.ninbench.bench.report.Report;
import dev.ninbench.bench.report.ReportInputs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nin-bench report}: the tables, CSVs and charts of finished runs, from their run records alone, so they
 * can be made again at any time, on any machine, from the results folder.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Tables (README.md, CSV) and charts (PNG) of the accuracy and throughput of finished runs.")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "RUN_DIR",
            description = "Run directories to report (default: every directory under results/runs of this checkout).")
    List<Path> runDirs;

    @Option(names = "--out", description = "Where the report goes (default: results/ of this checkout).")
    Path out;

    // the published results/README.md is made with this target: the plain command makes that page again
    @Option(names = "--target-accuracy", defaultValue = "0.75",
            description = "Test accuracy whose time to reach is reported. Default: ${DEFAULT-VALUE}.")
    double targetAccuracy;

    @Option(names = "--format", defaultValue = "files", paramLabel = "files|" + BenchmarkExport.FORMAT,
            description = "files: the report's pages, CSVs and charts into --out; " + BenchmarkExport.FORMAT
                    + ": the throughput figures as JSON on standard output, for github-action-benchmark's "
                    + "customBiggerIsBetter tool (writes no file). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(targetAccuracy > 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException("--target-accuracy must be in (0, 1], got " + targetAccuracy);
        }
        List<Path> given = runDirs != null && !runDirs.isEmpty() ? runDirs : everyRunDirectory(RunOptions.defaultResults());
        // a run still training would read as one that stopped: it is left out, and said so
        List<Path> dirs = given.stream().filter(d -> dev.ninbench.core.worker.RunLock.holder(d).map(h -> {
            System.err.println("nin-bench: warning: " + d + ": in progress (held by " + h + "), left out of the report");
            return false;
        }).orElse(true)).toList();
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("no run directories in " + RunOptions.defaultResults().toAbsolutePath());
        }
        ReportInputs inputs = ReportInputs.read(dirs);
        inputs.warnings().forEach(w -> System.err.println("nin-bench: warning: " + w));
        if (inputs.accuracy().isEmpty() && inputs.throughput().isEmpty()) {
            // an empty report would replace a good one, so nothing is written
            throw new IllegalArgumentException("nothing to report: no readable run records or throughput results in "
                    + dirs.size() + " run director" + (dirs.size() == 1 ? "y" : "ies"));
        }
        if (BenchmarkExport.FORMAT.equals(format)) {
            if (inputs.throughput().isEmpty()) {
                throw new IllegalArgumentException("--format " + format + ": no throughput results in the "
                        + dirs.size() + " run director" + (dirs.size() == 1 ? "y" : "ies"));
            }
            System.out.print(BenchmarkExport.json(inputs.throughput()));
            return 0;
        }
        if (!"files".equals(format)) {
            throw new IllegalArgumentException("--format " + format + ": expected files or " + BenchmarkExport.FORMAT);
        }
        Path outDir = out != null ? out : RunOptions.defaultResults().getParent();
        // originalArgs are the whole command line's, "report" included
        String command = Stream.concat(Stream.of("./nin-bench"), spec.commandLine().getParseResult()
                .originalArgs().stream().map(ReportCommand::shellWord)).collect(Collectors.joining(" "));
        List<Path> written = Report.write(inputs, dirs, outDir, targetAccuracy, command);
        System.out.printf("%d run director%s: %d training run(s) (engine and machine), %d throughput result(s); %d skipped%n",
                dirs.size(), dirs.size() == 1 ? "y" : "ies", inputs.accuracy().size(), inputs.throughput().size(),
                inputs.warnings().size());
        written.forEach(p -> System.out.println("wrote " + p));
        return 0;
    }

    /** The directories directly under {@code root}, by name (their names start with the date, so oldest first). */
    static List<Path> everyRunDirectory(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot list run directories: " + e.getMessage(), e);
        }
    }

    /** The argument as a shell would need it typed, so the README's command can be pasted. */
    private static String shellWord(String arg) {
        return arg.matches("[A-Za-z0-9_./=:,@+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
