package dev.ninbench.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ninbench.core.engine.BackendInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code throughput} got from one engine: what the engine said it is (version, device, threads; null when
 * it did not get that far), its rows, its {@code peak} kernels' results, its inference {@code latency}, its cold
 * start, and when it failed (wholly or in part), why.
 *
 * @param peak      the {@code PeakBenchmark} results; empty when not run (PyTorch's row, {@code --no-peak}, and
 *                  summaries written before the peak benchmark)
 * @param latency   the {@code LatencyBenchmark} results, one per batch size; empty when not run (and in summaries
 *                  written before it)
 * @param coldStart its {@link dev.ninbench.bench.throughput.ColdStart}; null when not measured (the profile's {@code coldStartRuns} 0, PyTorch's
 *                  channels-last row, and summaries written before cold starts were measured)
 */
@JsonIgnoreProperties(value = "peakRssBytes", allowGetters = true) // derived: recomputed when read back
public record EngineThroughput(String engine, BackendInfo info, List<ThroughputRow> rows, String failure,
                               List<KernelRow> peak, List<LatencyRow> latency, ColdStartRow coldStart) {
    public EngineThroughput {
        rows = List.copyOf(rows);
        peak = peak == null ? List.of() : List.copyOf(peak);
        latency = latency == null ? List.of() : List.copyOf(latency);
    }

    /** No peak kernels, latency or cold start measured. */
    public EngineThroughput(String engine, BackendInfo info, List<ThroughputRow> rows, String failure) {
        this(engine, info, rows, failure, List.of(), List.of(), null);
    }

    /** No latency or cold start measured. */
    public EngineThroughput(String engine, BackendInfo info, List<ThroughputRow> rows, String failure,
                            List<KernelRow> peak) {
        this(engine, info, rows, failure, peak, List.of(), null);
    }

    /** This result with the {@code latency} rows of a latency pass, and its failure if it had one. */
    public EngineThroughput withLatency(EngineThroughput pass) {
        String failures = failure == null ? pass.failure() : pass.failure() == null ? failure
                : failure + "; " + pass.failure();
        return new EngineThroughput(engine, info, rows, failures, peak, pass.latency(), coldStart);
    }

    /**
     * One engine's result of a run in rounds, from its result in each round ({@code null} where it did not run):
     * a row per benchmark and shape with each round's score ({@link ThroughputRow#ofRounds}), the first info any
     * round got, the {@code peak} and {@code coldStart} measured after the rounds (null: not measured), and every
     * failure, named by its round.
     */
    public static EngineThroughput ofRounds(String engine, List<EngineThroughput> perRound, List<KernelRow> peak,
                                     String peakFailure, ColdStartRow coldStart) {
        Map<List<Object>, List<ThroughputRow>> byShape = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < perRound.size(); i++) {
            EngineThroughput round = perRound.get(i);
            if (round == null) {
                continue;
            }
            for (ThroughputRow r : round.rows()) {
                byShape.computeIfAbsent(List.of(r.benchmark(), r.batchSize(), r.inputSide()),
                        k -> new ArrayList<>(Collections.nCopies(perRound.size(), null))).set(i, r);
            }
            if (!round.ok()) {
                failures.add((perRound.size() > 1 ? "round " + (i + 1) + ": " : "") + round.failure());
            }
        }
        if (peakFailure != null) {
            failures.add(peakFailure);
        }
        if (coldStart != null && !coldStart.ok()) {
            failures.add(coldStart.failure());
        }
        BackendInfo info = perRound.stream().filter(r -> r != null && r.info() != null).map(EngineThroughput::info)
                .findFirst().orElse(null);
        List<ThroughputRow> rows = byShape.values().stream().map(r -> perRound.size() > 1 ? ThroughputRow.ofRounds(r)
                : r.get(0)).toList();
        return new EngineThroughput(engine, info, rows, failures.isEmpty() ? null : String.join("; ", failures), peak,
                List.of(), coldStart);
    }

    public boolean ok() {
        return failure == null;
    }

    /** The engine's peak memory: the largest of its rows' (-1 when none is known). */
    @JsonProperty
    public long peakRssBytes() {
        return rows.stream().mapToLong(ThroughputRow::peakRssBytes).max().orElse(-1);
    }
}
