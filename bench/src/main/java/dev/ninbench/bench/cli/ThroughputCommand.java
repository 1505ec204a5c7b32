package dev.ninbench.bench.cli;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.launch.EngineCatalog;
import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.throughput.JmhIterations;
import dev.ninbench.bench.throughput.ColdStart;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.throughput.JmhRunner;
import dev.ninbench.bench.results.Peaks;
import dev.ninbench.bench.throughput.ThroughputRounds;
import dev.ninbench.bench.results.ThroughputSummary;
import dev.ninbench.bench.throughput.ThroughputTable;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.machine.TheoreticalPeak;
import dev.ninbench.core.record.PortablePaths;
import dev.ninbench.core.worker.RunLock;
import dev.ninbench.core.spec.NinSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nin-bench throughput}: JMH's train-step and inference benchmarks on each engine, each engine in a JVM of its
 * own running JMH (whose forks hold that engine too), with the profile's JMH settings, and PyTorch's rows; all of
 * them interleaved in the profile's rounds ({@link ThroughputRounds}).
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, sortOptions = false,
        description = "JMH throughput (img/s) of a training step and of inference on each engine and PyTorch, "
                + "interleaved in rounds.")
public final class ThroughputCommand implements Callable<Integer> {

    @Option(names = "--profile", defaultValue = "smoke",
            description = "smoke (68 px, batch 32, seconds per engine), cpu (96 px, batch 64 and 128) or d2l (224 px, batch 128). Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = {"--batch-size", "--batch-sizes"}, split = ",", paramLabel = "N",
            description = "Override the profile's batch sizes, e.g. 32,64 (--batch-sizes: the old spelling).")
    List<Integer> batchSizes;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ProfileOverrides overrides;

    @Option(names = "--rounds", description = "Override the profile's rounds: every engine and PyTorch row is measured "
            + "once per round, interleaved (A B C P, A B C P, ...), and each ratio is the median of its per-round "
            + "ratios with an interval.")
    Integer rounds;

    @Option(names = "--forks", description = "Override the profile's JMH forks per benchmark, batch size and round.")
    Integer forks;





    @Option(names = "--jvm-option", paramLabel = "OPTION",
            description = "An extra JVM option for every engine's JVM (repeatable), after the engine's own: an engine "
                    + "switch to measure what it changes, as --jvm-option=-Dname=value, e.g. "
                    + "-Dninbench.djl.channelsLast=false or -Dorg.eclipse.deeplearning4j.helpers.disable=true. The "
                    + "engines' settings in the results show the effect.")
    List<String> jvmOptions = new ArrayList<>();

    @Option(names = "--jmh-arg", paramLabel = "ARG",
            description = "An argument for JMH itself (repeatable), after the suite's own, for the training and "
                    + "inference benchmarks, e.g. --jmh-arg=-prof --jmh-arg=gc; what it adds is in each engine's "
                    + "<engine>-jmh.json and -jmh.log.")
    List<String> jmhArgs = new ArrayList<>();

    @Option(names = "--cold-start-runs", paramLabel = "N",
            description = "Override the profile's cold starts: N fresh processes per engine variant and for PyTorch's "
                    + "d2l code, each timed from its start until the natives are loaded, the model built, the first "
                    + "training step and the first inference done (median [min-max] over the N); 0 leaves them out.")
    Integer coldStartRuns;

    @Option(names = "--no-peak", description = "Leave out the peak benchmark (each engine's GFLOP/s on a large sgemm "
            + "and large convolutions, which the tables' %% of peak divide by).")
    boolean noPeak;

    @Option(names = "--no-latency", description = "Leave out the latency benchmark (inference percentiles, call by "
            + "call, at the profile's small batch sizes, once per engine and PyTorch row after the rounds).")
    boolean noLatency;

    @Mixin
    PyTorchOptions pytorchOptions;

    @Mixin
    RunOptions.EveryVariant runOptions;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    JmhOptions jmhOptions;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Go on with a run in rounds that stopped: from the round after its last finished one, in its "
                    + "own directory, with its own settings (run.json); then the passes after the rounds (cold start, "
                    + "peak, latency).")
    Path resume;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            return resume();
        }
        DeprecatedNames.warn(spec, "--batch-sizes", "--batch-size");
        Profile p = Profile.named(profile);
        Profile.Throughput t = p.throughput();
        if (rounds != null && rounds < 1) { // checked here: the settings read a missing (0) round count as 1
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
        JmhIterations it = jmhOptions.resolve(new JmhIterations(t.warmupIterations(),
                t.warmupSeconds(), t.iterations(), t.iterationSeconds()));
        Profile.Throughput settings = new Profile.Throughput(overrides.inputSide(t.inputSide()),
                batchSizes != null && !batchSizes.isEmpty() ? batchSizes : t.batchSizes(), or(forks, t.forks()),
                it.warmupIterations(), it.warmupSeconds(), it.iterations(), it.iterationSeconds(),
                noPeak ? Profile.Peak.NONE : t.peak(), or(rounds, t.rounds()),
                noLatency ? Profile.Latency.NONE : t.latency(), or(coldStartRuns, t.coldStartRuns()));
        check(settings);
        int threads = engineOptions.threads();
        List<EngineFolder> folders = runOptions.engineFolders(); // tuned and idiomatic, to compare
        List<String> chosen = folders.stream().map(EngineFolder::name).toList();
        Environment environment = Environment.capture();
        Path runDir = runOptions.newRunDirectory(environment.host(),
                "throughput-" + p.name());
        String noTorch = pytorchLeftOut();
        RunSettings.Throughput run = new RunSettings.Throughput(p.name(), chosen, settings, threads,
                engineOptions.device(), jvmOptions, environment, SuiteVersion.current(), jmhArgs,
                noTorch == null ? PortablePaths.home(pytorchOptions.reference().python()) : null);
        run.write(runDir);
        return measure(runDir, run, folders, noTorch == null ? pytorchOptions.reference() : null, noTorch, List.of());
    }

    /** {@code --resume}: the run's own settings, from the round after its last finished one. */
    private int resume() throws java.io.IOException {
        if (spec.commandLine().getParseResult().matchedOptions().size() > 1) {
            throw new IllegalArgumentException("--resume goes on with the run's own settings (its run.json); leave "
                    + "out every other option");
        }
        Path runDir = resume.toAbsolutePath().normalize();
        RunSettings.Throughput run;
        try {
            run = RunSettings.read(runDir, RunSettings.Throughput.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(runDir.resolve(RunSettings.FILE_NAME) + ": cannot read the run to "
                    + "resume (" + e.getMessage().lines().findFirst().orElse("") + "); expected the directory of a "
                    + "throughput run");
        }
        if (run == null || run.throughput() == null || run.environment() == null) {
            throw new IllegalArgumentException(runDir.resolve(RunSettings.FILE_NAME) + ": not a throughput run (no "
                    + "settings or machine); only the directories of throughput runs can be resumed");
        }
        if (java.nio.file.Files.isRegularFile(runDir.resolve(ThroughputSummary.FILE_NAME))) {
            System.out.println(runDir + ": the run finished (" + ThroughputSummary.FILE_NAME + "); nothing to resume "
                    + "(nin-bench report reads it)");
            return 0;
        }
        Environment here = Environment.capture();
        Environment there = run.environment();
        if (!here.host().equals(there.host()) || !here.cpuModel().equals(there.cpuModel())
                || here.cores() != there.cores()) {
            // its rounds compare engines on one machine: rounds from another would compare machines
            throw new IllegalArgumentException(runDir + " was measured on " + there.host() + " (" + there.cpuModel()
                    + ", " + there.cores() + " cores); this is " + here.host() + " (" + here.cpuModel() + ", "
                    + here.cores() + " cores): resume it there, or start a new run here");
        }
        List<List<EngineThroughput>> done = ThroughputSummary.finishedRounds(runDir);
        List<EngineFolder> folders = EngineCatalog.installed().chosen(run.engines());
        PyTorchReference python = run.pytorch() == null ? null
                : new PyTorchReference(PortablePaths.expand(run.pytorch()).toString());
        System.out.printf("resuming %s: %d of %d round(s) finished%n", runDir, done.size(), run.throughput().rounds());
        return measure(runDir, run, folders, python, python == null ? "not in this run" : null, done);
    }

    /** Measures {@code run} in {@code runDir}, after the rounds {@code done}, and prints and writes the results. */
    private int measure(Path runDir, RunSettings.Throughput run, List<EngineFolder> folders, PyTorchReference python,
                        String noTorch, List<List<EngineThroughput>> done) {
        Profile.Throughput settings = run.throughput();
        int threads = run.threads();
        Environment environment = run.environment();

        System.out.printf("profile %s: input %d px, batch %s; %d round(s), each engine and PyTorch row once per round; "
                + "JMH per round: %d fork(s), %d x %.1f s warm-up, %d x %.1f s measured%n", run.profile(), settings.inputSide(),
                settings.batchSizes(), settings.rounds(), settings.forks(), settings.warmupIterations(),
                settings.warmupSeconds(), settings.iterations(), settings.iterationSeconds());
        Profile.Peak peak = settings.peak();
        Profile.Latency latency = settings.latency();
        System.out.println(latency.batchSizes().isEmpty() ? "latency: not run" : String.format("latency, once per "
                + "engine and PyTorch row after the rounds: batch %s; JMH: %d fork(s), %d x %.1f s warm-up, %d x %.1f s "
                + "measured", latency.batchSizes(), latency.forks(), latency.warmupIterations(), latency.warmupSeconds(),
                latency.iterations(), latency.iterationSeconds()));
        System.out.println(peak.kernels().isEmpty() ? "peak: not run" : String.format("peak, once per engine after the "
                + "rounds: %s; JMH: %d fork(s), %d x %.1f s warm-up, %d x %.1f s measured", peak.kernels().stream()
                .map(k -> Kernel.named(k).describe()).toList(), peak.forks(), peak.warmupIterations(),
                peak.warmupSeconds(), peak.iterations(), peak.iterationSeconds()));
        ColdStart coldStart = new ColdStart(settings, threads, run.device(), run.jvmOptions());
        System.out.println(settings.coldStartRuns() == 0 ? "cold start: not measured" : String.format("cold start, "
                + "once per engine after the rounds: %d fresh process(es) each, batch %d", settings.coldStartRuns(),
                coldStart.batchSize()));
        if (noTorch != null) {
            System.out.println(EngineName.PYTORCH + ": not run: " + noTorch);
        }
        System.out.printf("run directory %s%n%n", runDir);
        JmhRunner jmh = new JmhRunner(settings, threads, run.device(), run.jvmOptions(), run.jmhArgs());
        List<EngineThroughput> results;
        // held while it measures: report leaves a run in progress out, and a second --resume is refused
        try (RunLock lock = RunLock.acquire(runDir)) {
            results = new ThroughputRounds(jmh, coldStart, settings, threads, runDir, System.out::println, done)
                    .run(folders, python);
            ThroughputSummary.write(runDir, results);
        }
        System.out.println();
        System.out.print(ThroughputTable.render(results));
        System.out.print(Peaks.describe(results, TheoreticalPeak.ofRun(environment, threads)));
        System.out.println("machine: " + environment.cpuModel() + ", " + environment.cores() + " cores, threads "
                + dev.ninbench.core.engine.ModelOptions.effectiveThreads(threads) + "; flags " + String.join(" ", environment.cpuFlags()));
        System.out.println("JMH results: " + runDir + (settings.rounds() > 1 ? "/round-<k>" : "") + "/<engine>-jmh.json; "
                + "summary: " + runDir.resolve(ThroughputSummary.FILE_NAME));
        return results.stream().allMatch(EngineThroughput::ok) ? 0 : 1;
    }

    /** Null when PyTorch's row is to be run; otherwise why not, in one line. */
    private String pytorchLeftOut() {
        if (engineOptions.device().isGpu() && !pytorchOptions.noPytorch) {
            return "its row runs on the CPU only, and this run is on " + engineOptions.device();
        }
        return pytorchOptions.leftOut();
    }

    /** Fails before any engine starts, in one line, on settings JMH or the net would reject later. */
    private static void check(Profile.Throughput s) {
        NinSpec.d2l(s.inputSide());
        if (s.batchSizes().stream().anyMatch(b -> b == null || b <= 0)) {
            throw new IllegalArgumentException("batch sizes must be >= 1, got " + s.batchSizes());
        }
        if (s.coldStartRuns() < 0) {
            throw new IllegalArgumentException("--cold-start-runs must be >= 0 (0: no cold start), got "
                    + s.coldStartRuns());
        }
        if (s.rounds() < 1 || s.forks() < 1) { // the iterations were checked by JmhOptions
            throw new IllegalArgumentException("throughput needs rounds >= 1 and JMH forks >= 1; got rounds "
                    + s.rounds() + ", forks " + s.forks());
        }
        s.peak().kernels().forEach(Kernel::named);
        Profile.Latency l = s.latency();
        if (l.batchSizes().stream().anyMatch(b -> b == null || b <= 0) || (!l.batchSizes().isEmpty() && (l.forks() < 1
                || l.warmupIterations() < 0 || l.iterations() < 1 || !(l.iterationSeconds() > 0)))) {
            throw new IllegalArgumentException("the latency benchmark's settings are off: " + l);
        }
        Profile.Peak p = s.peak();
        if (p.forks() < 1 || p.warmupIterations() < 0 || p.iterations() < 1 || !(p.iterationSeconds() > 0)) {
            throw new IllegalArgumentException("the peak benchmark's JMH settings are off: " + p);
        }
    }

    private static int or(Integer override, int profileValue) {
        return override != null ? override : profileValue;
    }
}
