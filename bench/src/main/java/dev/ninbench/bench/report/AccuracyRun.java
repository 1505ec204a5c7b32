package dev.ninbench.bench.report;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.record.Environment;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.train.EpochResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The finished epochs of one engine in one training run on one machine: one row of the accuracy table and one
 * series of the accuracy chart.
 *
 * @param date          the day the first epoch finished (yyyy-MM-dd, UTC)
 * @param epochs        in epoch order
 * @param plannedEpochs the epochs the run asked for
 * @param failure       why the engine stopped early, from the run's {@code engines.json}; null when it did not fail
 *                      (or the run has no such file)
 */
public record AccuracyRun(Environment machine, BackendInfo engine, String runId, String profile, String date,
                          int threads, int inputSide, int batchSize, List<EpochResult> epochs, int plannedEpochs,
                          String failure) {

    /**
     * The records grouped by machine, engine and run, in the order each group first appears.
     *
     * @param failures per run id, the failed engines' reasons
     */
    public static List<AccuracyRun> of(List<RunRecord> records, Map<String, Map<String, String>> failures) {
        Map<List<Object>, List<RunRecord>> groups = new LinkedHashMap<>();
        for (RunRecord r : records) {
            groups.computeIfAbsent(List.of(r.environment(), r.engine().name(), r.runId()), k -> new ArrayList<>()).add(r);
        }
        List<AccuracyRun> runs = new ArrayList<>();
        for (List<RunRecord> group : groups.values()) {
            RunRecord first = group.get(0);
            List<EpochResult> epochs = group.stream().map(RunRecord::epoch)
                    .sorted(Comparator.comparingInt(EpochResult::epoch)).toList();
            runs.add(new AccuracyRun(first.environment(), first.engine(), first.runId(), first.profile(),
                    first.time().length() >= 10 ? first.time().substring(0, 10) : first.time(), first.threads(),
                    first.spec().inputSide(), first.config().batchSize(), epochs, first.config().epochs(),
                    failures.getOrDefault(first.runId(), Map.of()).get(first.engine().name())));
        }
        return runs;
    }

    /** "done", "stopped after epoch 2 of 5" (interrupted, e.g. killed) or "FAILED after epoch 2 of 5: why". */
    public String status() {
        int last = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1).epoch();
        if (failure != null) {
            return "FAILED after epoch " + last + " of " + plannedEpochs + ": " + failure;
        }
        return last < plannedEpochs ? "stopped after epoch " + last + " of " + plannedEpochs : "done";
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

    /**
     * Training seconds (evaluation excluded: it is not training work, and engines evaluate at different costs)
     * summed over the epochs up to and including the first whose test accuracy reaches {@code target}; empty when
     * none does.
     */
    static OptionalDouble secondsToAccuracy(List<EpochResult> epochs, double target) {
        double seconds = 0;
        for (EpochResult e : epochs) {
            seconds += e.trainSeconds();
            if (e.testAccuracy() >= target) {
                return OptionalDouble.of(seconds);
            }
        }
        return OptionalDouble.empty();
    }
}
