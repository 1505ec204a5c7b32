package dev.ninbench.bench.report;

import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.machine.Environment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the first screen shows of throughput: the newest run on the newest machine, pooled with the runs of the same
 * machine, profile and suite commit (a repeat of it), so that one table rests on every round measured of that code
 * there. Pooling concatenates each row's per-round scores in one run order; a per-round ratio still divides two rows
 * of one round, so rounds pooled from two runs are as good as rounds of one longer run.
 *
 * @param runs    the pooled runs' ids, oldest first
 * @param engines one per engine and variant (PyTorch's rows among them), with the pooled rows, and the latency and
 *                cold start of the newest run that has them
 */
public record NewestPair(Environment machine, String profile, String commit, List<String> runs,
                         List<EngineThroughput> engines) {

    /** The newest run's pool, or empty when there are no throughput runs. */
    public static Optional<NewestPair> of(List<MeasuredEngine> all) {
        Optional<MeasuredEngine> newest = all.stream().max(Comparator.comparing(MeasuredEngine::runId));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        MeasuredEngine n = newest.get();
        List<MeasuredEngine> pool = all.stream().filter(r -> sameMachine(r.machine(), n.machine())
                && r.profile().equals(n.profile()) && r.commit().equals(n.commit()) && !"?".equals(n.commit())
                || r.runId().equals(n.runId())).sorted(Comparator.comparing(MeasuredEngine::runId)).toList();
        Map<String, List<EngineThroughput>> byEngine = new LinkedHashMap<>();
        pool.forEach(r -> byEngine.computeIfAbsent(r.engine().engine(), k -> new ArrayList<>()).add(r.engine()));
        // a run that stopped between rounds says so wherever its id is shown
        List<String> ids = pool.stream().map(r -> r.partial() == null ? r.runId() : r.runId() + ", " + r.partial())
                .distinct().toList();
        List<EngineThroughput> engines = new ArrayList<>();
        byEngine.forEach((engine, results) -> {
            if (results.size() == ids.size()) { // an engine missing from a run cannot pair its rounds with the others'
                engines.add(pooled(results));
            }
        });
        return Optional.of(new NewestPair(n.machine(), n.profile(), n.commit(), ids, engines));
    }

    /** The machine as the first screen names it: the same label and the same SIMD flags. */
    static boolean sameMachine(Environment a, Environment b) {
        return ReportTables.machine(a).equals(ReportTables.machine(b)) && a.cpuFlags().equals(b.cpuFlags());
    }

    /** One engine's results of several runs (oldest first) as one: rounds concatenated, the newest's extras. */
    private static EngineThroughput pooled(List<EngineThroughput> results) {
        EngineThroughput newest = results.get(results.size() - 1);
        List<ThroughputRow> rows = new ArrayList<>();
        for (ThroughputRow row : newest.rows()) {
            List<ThroughputRow> same = results.stream().map(e -> e.rows().stream().filter(r -> sameShape(r, row))
                    .findFirst().orElse(null)).filter(Objects::nonNull).toList();
            if (same.size() < results.size() || same.stream().anyMatch(r -> r.rounds().isEmpty())) {
                rows.add(row); // measured in one go, or not in every run: the newest run's row alone
                continue;
            }
            List<Double> rounds = new ArrayList<>();
            same.forEach(r -> rounds.addAll(r.rounds()));
            double median = dev.ninbench.bench.results.MedianInterval.of(rounds).median();
            rows.add(new ThroughputRow(row.benchmark(), row.batchSize(), row.inputSide(), median, Double.NaN,
                    same.stream().mapToLong(ThroughputRow::peakRssBytes).max().orElse(-1),
                    same.stream().mapToLong(ThroughputRow::peakDeviceBytes).max().orElse(0), rounds, row.coresBusy()));
        }
        EngineThroughput withExtras = results.stream().filter(e -> e.coldStart() != null || !e.latency().isEmpty())
                .reduce((a, b) -> b).orElse(newest);
        return new EngineThroughput(newest.engine(), newest.info(), rows, newest.failure(), newest.peak(),
                withExtras.latency(), withExtras.coldStart());
    }

    private static boolean sameShape(ThroughputRow a, ThroughputRow b) {
        return a.benchmark().equals(b.benchmark()) && a.batchSize() == b.batchSize() && a.inputSide() == b.inputSide();
    }

    /** The largest batch any engine was measured at. */
    public int largestBatch() {
        return engines.stream().flatMap(e -> e.rows().stream()).mapToInt(ThroughputRow::batchSize).max().orElse(0);
    }

    /** How many rounds the pooled rows hold (the most of any row). */
    public int rounds() {
        return engines.stream().flatMap(e -> e.rows().stream()).mapToInt(r -> r.rounds().size()).max().orElse(1);
    }
}
