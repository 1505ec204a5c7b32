package dev.ninbench.bench.throughput;

import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.pytorch.PyTorchThroughput;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.ScalingResult;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A scaling run: each engine's training throughput at every input side and thread count, in rounds as
 * {@link ThroughputRounds} does it. A round visits every (threads, side) point, and at each point every engine and
 * PyTorch row one after another, so a slow minute costs one round of one point. Each point of each round writes its
 * files to {@code round-<k>/threads-<t>/side-<s>/} ({@code round-<k>/} only when there are several rounds). After the
 * rounds, each engine's peak kernels once per thread count, in {@code threads-<t>/}: the "% of peak" of a point divides
 * by the peak at its own thread count.
 */
public final class ScalingRounds {
    private final Profile.Throughput settings;
    private final List<Integer> inputSides;
    private final List<Integer> threadCounts;
    private final Device device;
    private final List<String> jvmOptions;
    private final Path runDir;
    private final Consumer<String> out;

    /**
     * @param settings the JMH settings of one point (its input side is replaced by each of {@code inputSides}), its
     *                 rounds, and its peak settings
     */
    public ScalingRounds(Profile.Throughput settings, List<Integer> inputSides, List<Integer> threadCounts,
                         Device device, List<String> jvmOptions, Path runDir, Consumer<String> out) {
        this.settings = settings;
        this.inputSides = List.copyOf(inputSides);
        this.threadCounts = List.copyOf(threadCounts);
        this.device = device;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.runDir = runDir;
        this.out = out;
    }

    /** One result per thread count, each with one entry per engine and then per PyTorch setup ({@code python} null: none). */
    public List<ScalingResult> run(List<EngineFolder> folders, PyTorchReference python) {
        // threads -> row name -> its results, one per round, each holding the rows of every side of that round
        Map<Integer, Map<String, List<EngineThroughput>>> perRound = new LinkedHashMap<>();
        Map<Integer, Map<String, EngineThroughput>> checks = new LinkedHashMap<>();
        List<PyTorchThroughput.Setup> setups = PyTorchThroughput.Setup.runnable(python, out);
        for (int threads : threadCounts) {
            Map<String, EngineThroughput> checked = new LinkedHashMap<>();
            // each thread count's info check in the folder its peak goes to, not all in one <engine>-info-job.json
            Path checkDir = ThroughputRounds.createDirectory(runDir.resolve("threads-" + threads));
            for (EngineFolder folder : folders) {
                EngineThroughput check = jmh(threads, settings.inputSide()).check(folder, checkDir);
                checked.put(folder.name(), check);
                if (!check.ok()) {
                    out.accept(folder.name() + " (" + threads + " thread(s)): FAILED: " + check.failure());
                }
            }
            checks.put(threads, checked);
            perRound.put(threads, new LinkedHashMap<>());
        }
        int rounds = settings.rounds();
        for (int round = 1; round <= rounds; round++) {
            Path roundDir = rounds == 1 ? runDir : runDir.resolve("round-" + round);
            if (rounds > 1) {
                out.accept("round " + round + "/" + rounds + " (" + roundDir + ")");
            }
            for (int threads : threadCounts) {
                Map<String, List<EngineThroughput>> sides = new LinkedHashMap<>();
                for (int side : inputSides) {
                    Path dir = ThroughputRounds.createDirectory(roundDir.resolve("threads-" + threads).resolve("side-" + side));
                    out.accept(threads + " thread(s), " + side + " px (" + dir + ")");
                    JmhRunner jmh = jmh(threads, side);
                    for (EngineFolder folder : folders) {
                        EngineThroughput check = checks.get(threads).get(folder.name());
                        if (check.ok()) {
                            out.accept("  " + folder.name());
                            sides.computeIfAbsent(folder.name(), k -> new ArrayList<>()).add(reported(jmh.measureTraining(
                                    folder, check.info(), dir, line -> out.accept("    " + line))));
                        }
                    }
                    for (PyTorchThroughput.Setup setup : setups) {
                        out.accept("  " + setup.name() + ": " + setup.describe());
                        sides.computeIfAbsent(setup.name(), k -> new ArrayList<>()).add(reported(
                                PyTorchThroughput.runTraining(setup, python, at(side), threads, dir,
                                        line -> out.accept("    " + line))));
                    }
                }
                sides.forEach((name, results) -> perRound.get(threads).computeIfAbsent(name, k -> new ArrayList<>())
                        .add(allSides(name, results)));
            }
        }
        List<ScalingResult> results = new ArrayList<>();
        for (int threads : threadCounts) {
            Path dir = ThroughputRounds.createDirectory(runDir.resolve("threads-" + threads));
            List<EngineThroughput> engines = new ArrayList<>();
            for (EngineFolder folder : folders) {
                EngineThroughput check = checks.get(threads).get(folder.name());
                if (!check.ok()) {
                    engines.add(check);
                    continue;
                }
                EngineThroughput peak = settings.peak().kernels().isEmpty() ? null : peak(folder, threads, dir);
                engines.add(EngineThroughput.ofRounds(folder.name(), perRound.get(threads).get(folder.name()),
                        peak == null ? List.of() : peak.peak(), peak == null ? null : peak.failure(), null));
            }
            for (PyTorchThroughput.Setup setup : setups) {
                engines.add(EngineThroughput.ofRounds(setup.name(), perRound.get(threads).get(setup.name()), List.of(),
                        null, null));
            }
            results.add(new ScalingResult(threads, engines));
        }
        return results;
    }

    private EngineThroughput peak(EngineFolder folder, int threads, Path dir) {
        out.accept(folder.name() + ": peak at " + threads + " thread(s) (log " + dir.resolve(folder.name()
                + "-peak-jmh.log") + ")");
        return reported(jmh(threads, settings.inputSide()).peak(folder, dir, line -> out.accept("  " + line)));
    }

    /** One round's result of a row: the rows of every side, its first info, and every side's failure. */
    private static EngineThroughput allSides(String name, List<EngineThroughput> sides) {
        List<ThroughputRow> rows = sides.stream().flatMap(s -> s.rows().stream()).toList();
        List<String> failures = sides.stream().filter(s -> !s.ok()).map(EngineThroughput::failure).toList();
        return new EngineThroughput(name, sides.stream().map(EngineThroughput::info).filter(i -> i != null)
                .findFirst().orElse(null), rows, failures.isEmpty() ? null : String.join("; ", failures));
    }

    private Profile.Throughput at(int side) {
        Profile.Throughput s = settings;
        return new Profile.Throughput(side, s.batchSizes(), s.forks(), s.warmupIterations(), s.warmupSeconds(),
                s.iterations(), s.iterationSeconds(), s.peak(), s.rounds(), Profile.Latency.NONE, 0);
    }

    private JmhRunner jmh(int threads, int side) {
        return new JmhRunner(at(side), threads, device, jvmOptions, List.of());
    }

    private EngineThroughput reported(EngineThroughput r) {
        if (!r.ok()) {
            out.accept("    " + r.engine() + " FAILED: " + r.failure());
        }
        return r;
    }
}
