package dev.ninbench.bench.throughput;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ninbench.core.engine.BackendInfo;
import java.util.List;

/**
 * What {@code throughput} got from one engine: what the engine said it is (version, device, threads; null when
 * it did not get that far), its rows, and when it failed (wholly or in part), why.
 */
@JsonIgnoreProperties(value = "peakRssBytes", allowGetters = true) // derived: recomputed when read back
public record EngineThroughput(String engine, BackendInfo info, List<ThroughputRow> rows, String failure) {
    public EngineThroughput {
        rows = List.copyOf(rows);
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
