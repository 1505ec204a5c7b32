package dev.ninbench.bench.throughput;

import dev.ninbench.bench.launch.EngineFolder;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.pytorch.PyTorchThroughput;
import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.ThroughputSummary;
import dev.ninbench.core.engine.EngineName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A throughput run in rounds: every engine, then PyTorch's rows, each measured briefly, and the whole sequence
 * repeated {@code rounds} times (A B C P, A B C P, ...), so that each row's rounds are spread over the run and every
 * round holds one measurement of each row taken minutes apart. A slow minute on a shared machine then costs one
 * round's ratio, not a whole row (the ratios are medians of per-round ratios: {@link dev.ninbench.bench.results.Ratios}). Each round writes its
 * files to {@code round-<k>/} of the run directory (to the run directory itself for a single round). After the
 * rounds, in the run directory: each engine variant's and PyTorch's d2l code's {@link ColdStart} (its processes are
 * short and independent of the rounds' minutes), then the peak benchmark once per engine (its kernels are the
 * engine's, not the variant's), then the latency benchmark once per engine variant and PyTorch row.
 */
public final class ThroughputRounds {
    private final JmhRunner jmh;
    private final ColdStart coldStart;
    private final Profile.Throughput settings;
    private final int threads;
    private final Path runDir;
    private final Consumer<String> out;

    private final List<List<EngineThroughput>> done;

    public ThroughputRounds(JmhRunner jmh, ColdStart coldStart, Profile.Throughput settings, int threads, Path runDir,
                            Consumer<String> out) {
        this(jmh, coldStart, settings, threads, runDir, out, List.of());
    }

    /**
     * A run that goes on ({@code throughput --resume}) after the rounds {@code done} (round 1 first, as
     * {@link ThroughputSummary#finishedRounds} reads them): they count as measured, and the next round is the first
     * to run.
     */
    public ThroughputRounds(JmhRunner jmh, ColdStart coldStart, Profile.Throughput settings, int threads, Path runDir,
                            Consumer<String> out, List<List<EngineThroughput>> done) {
        this.done = List.copyOf(done);
        this.jmh = jmh;
        this.coldStart = coldStart;
        this.settings = settings;
        this.threads = threads;
        this.runDir = runDir;
        this.out = out;
    }

    /**
     * Runs {@code folders} and, unless {@code python} is null, PyTorch's {@link PyTorchThroughput.Setup}s: one result
     * per engine and PyTorch setup, in that order, each with its rows over all rounds.
     */
    public List<EngineThroughput> run(List<EngineFolder> folders, PyTorchReference python) {
        Map<String, EngineThroughput> checks = new LinkedHashMap<>();
        Map<String, List<EngineThroughput>> perRound = new LinkedHashMap<>();
        List<EngineFolder> usable = new ArrayList<>();
        for (EngineFolder folder : folders) {
            EngineThroughput checked = jmh.check(folder, runDir);
            checks.put(folder.name(), checked);
            if (checked.ok()) {
                usable.add(folder);
                perRound.put(folder.name(), new ArrayList<>());
            } else {
                out.accept(folder.name() + ": FAILED: " + checked.failure());
            }
        }
        List<PyTorchThroughput.Setup> setups = PyTorchThroughput.Setup.runnable(python, out);
        setups.forEach(s -> perRound.put(s.name(), new ArrayList<>()));
        for (List<EngineThroughput> round : done) {
            round.stream().filter(e -> perRound.containsKey(e.engine()))
                    .forEach(e -> perRound.get(e.engine()).add(e));
        }
        int rounds = settings.rounds();
        if (!done.isEmpty()) {
            out.accept("rounds 1-" + done.size() + " of " + rounds + " were measured before; going on");
        }
        for (int round = done.size() + 1; round <= rounds; round++) {
            Path dir = rounds == 1 ? runDir : createDirectory(ThroughputSummary.roundDir(runDir, round));
            if (rounds > 1) {
                out.accept("round " + round + "/" + rounds + " (" + dir + ")");
            }
            for (EngineFolder folder : usable) {
                out.accept(folder.name() + ": JMH (log " + dir.resolve(folder.name() + "-jmh.log") + ")");
                perRound.get(folder.name()).add(reported(jmh.measure(folder, checks.get(folder.name()).info(), dir,
                        line -> out.accept("  " + line))));
            }
            for (PyTorchThroughput.Setup setup : setups) {
                out.accept(setup.name() + ": " + setup.describe() + ", " + settings.forks() + " process(es) per "
                        + "benchmark and batch size (log " + dir.resolve(EngineName.PYTORCH + ".log") + ")");
                perRound.get(setup.name()).add(reported(PyTorchThroughput.run(setup, python, settings, threads, dir,
                        line -> out.accept("  " + line))));
            }
            if (rounds > 1) { // the round is finished: its results are kept whatever stops the run later
                ThroughputSummary.write(dir, perRound.values().stream().map(r -> r.get(r.size() - 1)).toList());
            }
        }
        Map<String, ColdStartRow> coldStarts = coldStarts(usable, python);
        Map<String, EngineThroughput> peaks = peaks(usable);
        List<EngineThroughput> results = new ArrayList<>();
        for (EngineFolder folder : folders) {
            EngineThroughput peak = peaks.get(folder.name());
            results.add(!checks.get(folder.name()).ok() ? checks.get(folder.name())
                    : latency(EngineThroughput.ofRounds(folder.name(), perRound.get(folder.name()),
                    peak == null ? List.of() : peak.peak(), peak == null ? null : peak.failure(),
                    coldStarts.get(folder.name())), () -> jmh.latency(folder, runDir, line -> out.accept("  " + line))));
        }
        for (PyTorchThroughput.Setup s : setups) {
            results.add(latency(EngineThroughput.ofRounds(s.name(), perRound.get(s.name()), List.of(), null,
                    coldStarts.get(s.name())), () -> PyTorchThroughput.latency(s, python, settings, threads, runDir,
                    line -> out.accept("  " + line))));
        }
        return results;
    }

    /**
     * {@code result} with its latency pass, run now (once per engine variant and PyTorch row, after the rounds:
     * percentiles need many calls, not interleaving); {@code result} itself when the profile has no latency pass.
     */
    private EngineThroughput latency(EngineThroughput result, Supplier<EngineThroughput> pass) {
        if (settings.latency().batchSizes().isEmpty()) {
            return result;
        }
        out.accept(result.engine() + ": latency (log " + runDir.resolve(result.engine()
                + (EngineName.isPyTorch(result.engine()) ? ".log" : "-latency-jmh.log")) + ")");
        return result.withLatency(reported(pass.get()));
    }

    /**
     * The cold start of each engine variant in {@code usable} and, unless {@code python} is null, of PyTorch's d2l code
     * as the book writes it ({@link PyTorchThroughput.Setup#D2L}: what a PyTorch user starts), by name; none when the
     * profile has no cold-start runs.
     */
    private Map<String, ColdStartRow> coldStarts(List<EngineFolder> usable, PyTorchReference python) {
        Map<String, ColdStartRow> rows = new LinkedHashMap<>();
        int runs = settings.coldStartRuns();
        if (runs == 0) {
            return rows;
        }
        for (EngineFolder folder : usable) {
            out.accept(folder.name() + ": cold start, " + runs + " fresh JVM(s) (log "
                    + ColdStart.log(runDir, folder.name()) + ")");
            rows.put(folder.name(), reported(coldStart.measure(folder, runDir, runs, line -> out.accept("  " + line))));
        }
        if (python != null) {
            String name = PyTorchThroughput.Setup.D2L.name();
            out.accept(name + ": cold start of the d2l code, " + runs + " fresh python process(es) (log "
                    + ColdStart.log(runDir, name) + ")");
            rows.put(name, reported(coldStart.measurePyTorch(python, runDir, runs, line -> out.accept("  " + line))));
        }
        return rows;
    }

    /**
     * The peak benchmark of each engine's first variant in {@code usable}, by variant name; none when the profile
     * has no peak kernels.
     */
    private Map<String, EngineThroughput> peaks(List<EngineFolder> usable) {
        Map<String, EngineThroughput> peaks = new LinkedHashMap<>();
        if (settings.peak().kernels().isEmpty()) {
            return peaks;
        }
        Set<String> engines = new HashSet<>();
        for (EngineFolder folder : usable) {
            if (engines.add(EngineName.parse(folder.name()).engine())) {
                out.accept(folder.name() + ": peak (log " + runDir.resolve(folder.name() + "-peak-jmh.log") + ")");
                peaks.put(folder.name(), reported(jmh.peak(folder, runDir, line -> out.accept("  " + line))));
            }
        }
        return peaks;
    }

    private ColdStartRow reported(ColdStartRow r) {
        if (!r.ok()) {
            out.accept("  FAILED: " + r.failure());
        }
        return r;
    }

    private EngineThroughput reported(EngineThroughput r) {
        if (!r.ok()) {
            out.accept("  " + r.engine() + " FAILED: " + r.failure());
        }
        return r;
    }

    static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create the run's directory: " + e.getMessage(), e);
        }
    }
}
