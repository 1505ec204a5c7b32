package dev.ninbench.bench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ninbench.engineside.InferenceBenchmark;
import dev.ninbench.engineside.PeakMemory;
import dev.ninbench.engineside.TrainStepBenchmark;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON that JMH writes with {@code -rf json} into {@link ThroughputRow}s, with their peak memory. */
public final class JmhResults {
    private JmhResults() {
    }

    /**
     * The rows of {@code jmhJson} (none when JMH wrote no file), each with the largest peak memory of its forks and
     * the mean of their cores busy.
     */
    public static List<ThroughputRow> read(Path jmhJson, List<PeakMemory> memory) {
        List<ThroughputRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(jmhJson)) {
            return rows;
        }
        try {
            for (JsonNode result : Json.MAPPER.readTree(jmhJson.toFile())) {
                String benchmark = result.path("benchmark").asText();
                int batch = result.path("params").path("batchSize").asInt();
                int side = result.path("params").path("inputSide").asInt();
                JsonNode metric = opsPerSecond(jmhJson, result);
                List<PeakMemory> forks = memory.stream().filter(m -> m.benchmark().equals(benchmark)
                        && m.batchSize() == batch && m.inputSide() == side).toList();
                long peak = forks.stream().mapToLong(PeakMemory::peakRssBytes).max().orElse(-1);
                long peakDevice = forks.stream().mapToLong(PeakMemory::peakDeviceBytes).max().orElse(0);
                // JMH writes an undefined error as the string "NaN", which asDouble() parses as NaN too
                double coresBusy = forks.stream().mapToDouble(PeakMemory::coresBusy).filter(Double::isFinite).average()
                        .orElse(Double.NaN);
                rows.add(new ThroughputRow(kind(benchmark), batch, side, metric.path("score").asDouble(),
                        metric.path("scoreError").asDouble(Double.NaN), peak, peakDevice, List.of(), coresBusy));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jmhJson + ": cannot read JMH's results: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The {@code PeakBenchmark} results of {@code jmhJson}, one per kernel (none when JMH wrote no file). */
    public static List<KernelRow> readPeak(Path jmhJson) {
        List<KernelRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(jmhJson)) {
            return rows;
        }
        try {
            for (JsonNode result : Json.MAPPER.readTree(jmhJson.toFile())) {
                JsonNode metric = opsPerSecond(jmhJson, result);
                rows.add(new KernelRow(Kernel.named(result.path("params").path("kernel").asText()),
                        metric.path("score").asDouble(), metric.path("scoreError").asDouble(Double.NaN)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jmhJson + ": cannot read JMH's results: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * The {@code LatencyBenchmark} results of {@code jmhJson}, one per batch size, from JMH's percentiles of its
     * sample mode (none when JMH wrote no file).
     */
    public static List<LatencyRow> readLatency(Path jmhJson) {
        List<LatencyRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(jmhJson)) {
            return rows;
        }
        try {
            for (JsonNode result : Json.MAPPER.readTree(jmhJson.toFile())) {
                JsonNode metric = metric(jmhJson, result, "ms/op", "sample mode in ms");
                JsonNode p = metric.path("scorePercentiles");
                long samples = 0;
                // rawDataHistogram: per fork, per iteration, [value, count] pairs
                for (JsonNode fork : metric.path("rawDataHistogram")) {
                    for (JsonNode iteration : fork) {
                        for (JsonNode bin : iteration) {
                            samples += bin.path(1).asLong();
                        }
                    }
                }
                rows.add(new LatencyRow(result.path("params").path("batchSize").asInt(),
                        result.path("params").path("inputSide").asInt(), p.path("50.0").asDouble(Double.NaN),
                        p.path("90.0").asDouble(Double.NaN), p.path("99.0").asDouble(Double.NaN), samples));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(jmhJson + ": cannot read JMH's results: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The result's primary metric, which must be in ops/s (JMH's throughput mode). */
    private static JsonNode opsPerSecond(Path jmhJson, JsonNode result) {
        return metric(jmhJson, result, "ops/s", "throughput mode");
    }

    private static JsonNode metric(Path jmhJson, JsonNode result, String unit, String mode) {
        JsonNode metric = result.path("primaryMetric");
        if (!unit.equals(metric.path("scoreUnit").asText())) {
            throw new IllegalStateException(jmhJson + ": " + result.path("benchmark").asText() + " is in "
                    + metric.path("scoreUnit").asText() + ", expected " + unit + " (" + mode + ")");
        }
        return metric;
    }

    static String kind(String benchmark) {
        if (benchmark.startsWith(TrainStepBenchmark.class.getName() + ".")) {
            return ThroughputRow.TRAIN;
        }
        if (benchmark.startsWith(InferenceBenchmark.class.getName() + ".")) {
            return ThroughputRow.INFERENCE;
        }
        return benchmark;
    }
}
