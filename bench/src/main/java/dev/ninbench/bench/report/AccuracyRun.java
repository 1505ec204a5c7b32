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
 * @param date   the day the first epoch finished (yyyy-MM-dd, UTC)
 * @param epochs in epoch order
 */
public record AccuracyRun(Environment machine, BackendInfo engine, String runId, String profile, String date,
                          int threads, int inputSide, int batchSize, List<EpochResult> epochs) {

    /** The records grouped by machine, engine and run, in the order each group first appears. */
    public static List<AccuracyRun> of(List<RunRecord> records) {
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
                    first.spec().inputSide(), first.config().batchSize(), epochs));
        }
        return runs;
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
