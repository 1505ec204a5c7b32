package dev.ninbench.bench.report;

import dev.ninbench.bench.rundir.EngineOutcomes;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.TrainConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The finished epochs of one engine in one training run on one machine: one row of the accuracy table and one
 * series of the accuracy chart.
 *
 * @param date          the day the first epoch finished (yyyy-MM-dd, UTC)
 * @param config        the run's hyper-parameters (its seed and dropout mode among them)
 * @param epochs        in epoch order
 * @param wallSeconds   per epoch, in the order of {@code epochs}: wall-clock seconds from the start of the engine's
 *                      process to the end of that epoch, evaluation included; null entries for records from before
 *                      it was kept
 * @param epochEnds     per epoch, in the order of {@code epochs}: when its record was written (ISO-8601, UTC), i.e.
 *                      the end of its evaluation
 * @param failure       why the engine stopped early, from the run's {@code engines.json}; null when it did not fail
 *                      (or the run has no such file)
 */
public record TrainedEngine(Environment machine, BackendInfo engine, String runId, String profile, String date,
                          int threads, NinSpec spec, TrainConfig config, List<EpochResult> epochs,
                          List<Double> wallSeconds, List<String> epochEnds, String failure) {
    /**
     * The most of the machine's CPU other processes may take in an epoch for a run to count as having had the machine
     * to itself: a tenth, a fifth of one core on the 2-core machines the suite was built on, where an engine's speed
     * moves by 10-40 % with its neighbours' load.
     */
    public static final double EXCLUSIVE_SHARE = 0.10;


    /**
     * The records grouped by machine, engine and run, in the order each group first appears.
     *
     * @param failures per run id, the failed engines' reasons
     */
    public static List<TrainedEngine> of(List<RunRecord> records, Map<String, Map<String, String>> failures) {
        Map<List<Object>, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : records) {
            groups.computeIfAbsent(List.of(r.environment(), r.engine().name(), r.runId()), k -> new ArrayList<>()).add(r);
        }
        List<TrainedEngine> runs = new ArrayList<>();
        for (List<RunRecord> group : groups.values()) {
            // an epoch recorded twice means two writers ran at once: the row keeps each epoch's first record and
            // says so as its failure, rather than showing more epochs than the run had or averaging the two
            Map<Integer, RunRecord> once = new java.util.TreeMap<>();
            List<Integer> twice = new ArrayList<>();
            for (RunRecord r : group) {
                if (once.putIfAbsent(r.epoch().epoch(), r) != null && !twice.contains(r.epoch().epoch())) {
                    twice.add(r.epoch().epoch());
                }
            }
            List<RunRecord> byEpoch = List.copyOf(once.values());
            RunRecord first = group.get(0);
            String failure = failures.getOrDefault(first.runId(), Map.of()).get(first.engine().name());
            if (!twice.isEmpty()) {
                failure = "epoch(s) " + twice.stream().sorted().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(", ")) + " recorded more than once (two writers"
                        + " at once?); only each epoch's first record is shown" + (failure == null ? "" : "; " + failure);
            }
            runs.add(new TrainedEngine(first.environment(), first.engine(), first.runId(), first.profile(),
                    first.time().length() >= 10 ? first.time().substring(0, 10) : first.time(), first.threads(),
                    first.spec(), first.config(), byEpoch.stream().map(RunRecord::epoch).toList(),
                    // not toList() alone: its copies refuse the nulls of old records
                    Collections.unmodifiableList(new ArrayList<>(byEpoch.stream().map(RunRecord::wallSeconds).toList())),
                    byEpoch.stream().map(RunRecord::time).toList(), failure));
        }
        return runs;
    }

    public int inputSide() {
        return spec.inputSide();
    }

    public int batchSize() {
        return config.batchSize();
    }

    /** The epochs the run asked for. */
    public int plannedEpochs() {
        return config.epochs();
    }

    /**
     * "done", "stopped after epoch 2 of 5" (killed, or "(interrupted by SIGINT ...)" where a signal stopped it between
     * two steps) or "FAILED after epoch 2 of 5: why".
     */
    public String status() {
        int last = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
        String missing = missingEpochs();
        if (failure != null && failure.startsWith(EngineOutcomes.INTERRUPTED)) {
            return "stopped after epoch " + last + " of " + plannedEpochs() + " (" + failure + ")" + missing;
        }
        if (failure != null) {
            return "FAILED after epoch " + last + " of " + plannedEpochs() + ": " + failure + missing;
        }
        if (!missing.isEmpty()) {
            return "INCOMPLETE" + missing;
        }
        return last < plannedEpochs() ? "stopped after epoch " + last + " of " + plannedEpochs() : "done";
    }

    /** "; epoch(s) 2, 3 missing" when records of epochs before the last are absent (a damaged file), else "". */
    private String missingEpochs() {
        java.util.Set<Integer> have = new java.util.HashSet<>();
        epochs.forEach(e -> have.add(e.epoch()));
        int last = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
        List<String> missing = new ArrayList<>();
        for (int e = 1; e < last; e++) {
            if (!have.contains(e)) {
                missing.add(String.valueOf(e));
            }
        }
        return missing.isEmpty() ? "" : "; epoch(s) " + String.join(", ", missing) + " missing";
    }

    public double meanSecondsPerEpoch() {
        return epochs.stream().mapToDouble(EpochResult::trainSeconds).average().orElse(Double.NaN);
    }

    public double meanImagesPerSecond() {
        return epochs.stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(Double.NaN);
    }

    public OptionalDouble secondsToAccuracy(double target) {
        return secondsToAccuracy(epochs, target);
    }

    /** How busy the rest of the machine was while a run trained up to a target accuracy. */
    public enum Load {
        /** other processes took at most {@link #EXCLUSIVE_SHARE} of its CPU in every epoch */
        ALONE,
        /** they took more in some epoch */
        SHARED,
        /** some epoch's share was not measured (records from before it was kept) */
        NOT_RECORDED
    }

    /**
     * How busy the rest of the machine was in the epochs up to the first that reaches {@code target} (every epoch,
     * when none does): only for {@link Load#ALONE} do the run's seconds to the target say something about the engine.
     */
    public Load load(double target) {
        int first = firstEpochReaching(epochs, target);
        List<EpochResult> upTo = first < 0 ? epochs : epochs.subList(0, first + 1);
        if (upTo.isEmpty() || upTo.stream().anyMatch(e -> e.othersCpuShare() == null)) {
            return Load.NOT_RECORDED;
        }
        return upTo.stream().allMatch(e -> e.othersCpuShare() <= EXCLUSIVE_SHARE) ? Load.ALONE : Load.SHARED;
    }

    /** Whether the run had the machine to itself up to {@code target} ({@link #load}). */
    public boolean hadMachineToItself(double target) {
        return load(target) == Load.ALONE;
    }

    /** The largest share of the machine's CPU other processes took in one epoch; empty when none was measured. */
    public OptionalDouble maxOthersCpuShare() {
        return epochs.stream().filter(e -> e.othersCpuShare() != null).mapToDouble(EpochResult::othersCpuShare).max();
    }

    /**
     * Wall-clock seconds from the start of the engine's process to the end of the first epoch whose test accuracy
     * reaches {@code target}, evaluation and start-up included (MLPerf's time to train); empty when no epoch
     * reaches it or when that epoch's record is from before wall-clock seconds were kept.
     */
    public OptionalDouble wallSecondsToAccuracy(double target) {
        int first = firstEpochReaching(epochs, target);
        Double wall = first < 0 ? null : wallSeconds.get(first);
        return wall == null ? OptionalDouble.empty() : OptionalDouble.of(wall);
    }

    /**
     * Training seconds (evaluation excluded: it is not training work, and engines evaluate at different costs)
     * summed over the epochs up to and including the first whose test accuracy reaches {@code target}; empty when
     * none does.
     */
    static OptionalDouble secondsToAccuracy(List<EpochResult> epochs, double target) {
        int first = firstEpochReaching(epochs, target);
        return first < 0 ? OptionalDouble.empty()
                : OptionalDouble.of(epochs.subList(0, first + 1).stream().mapToDouble(EpochResult::trainSeconds).sum());
    }

    /** The index in {@code epochs} of the first whose test accuracy reaches {@code target}, or -1. */
    private static int firstEpochReaching(List<EpochResult> epochs, double target) {
        for (int i = 0; i < epochs.size(); i++) {
            if (epochs.get(i).testAccuracy() >= target) {
                return i;
            }
        }
        return -1;
    }
}
