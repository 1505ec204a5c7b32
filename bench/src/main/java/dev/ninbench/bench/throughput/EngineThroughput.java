package dev.ninbench.bench.throughput;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ninbench.core.engine.BackendInfo;
import java.util.List;

/**
 * What {@code throughput} got from one engine: what the engine said it is (version, device, threads; null when
 * it did not get that far), its rows, its {@code peak} kernels' results, and when it failed (wholly or in part), why.
 *
 * @param peak the {@code PeakBenchmark} results; empty when not run (PyTorch's row, {@code --no-peak}, and
 *             summaries written before the peak benchmark)
 */
@JsonIgnoreProperties(value = "peakRssBytes", allowGetters = true) // derived: recomputed when read back
public record EngineThroughput(String engine, BackendInfo info, List<ThroughputRow> rows, String failure,
                               List<KernelRow> peak) {
    public EngineThroughput {
        rows = List.copyOf(rows);
        peak = peak == null ? List.of() : List.copyOf(peak);
    }

    /** No peak kernels measured. */
    public EngineThroughput(String engine, BackendInfo info, List<ThroughputRow> rows, String failure) {
        this(engine, info, rows, failure, List.of());
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
