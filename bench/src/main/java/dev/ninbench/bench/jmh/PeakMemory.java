package dev.ninbench.bench.jmh;

import dev.ninbench.core.record.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Peak resident memory of a benchmark JVM: Linux's {@code VmHWM} ("high water mark" of the resident set) from
 * {@code /proc/self/status}, read by the JMH fork itself at the end of its trial. It covers the whole process
 * over its whole life: the Java heap it touched, the engine's native tensors and workspaces, and the loaded
 * libraries. JMH runs each benchmark and parameter set in forks of their own, so each sample is one benchmark
 * at one batch size and side. Each fork writes one small JSON file, which the launcher reads back.
 *
 * @param benchmark     JMH's benchmark name (class and method)
 * @param peakRssBytes  VmHWM in bytes, or -1 where /proc has none (not Linux)
 */
public record PeakMemory(String benchmark, int batchSize, int inputSide, long peakRssBytes) {
    /** The folder the forks write their samples to; set by the launcher, inherited by JMH's forks. */
    public static final String DIR_PROPERTY = "ninbench.jmh.memoryDir";

    static void record(Path dir, String benchmark, int batchSize, int inputSide) {
        PeakMemory sample = new PeakMemory(benchmark, batchSize, inputSide, vmHwmBytes());
        Path file = dir.resolve(benchmark.substring(benchmark.lastIndexOf('.') + 1) + "-" + batchSize + "-"
                + inputSide + "-" + ProcessHandle.current().pid() + ".json");
        try {
            Files.createDirectories(dir);
            Json.MAPPER.writeValue(file.toFile(), sample);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the peak memory: " + e.getMessage(), e);
        }
    }

    static long vmHwmBytes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** Every sample the forks wrote to {@code dir} (none when it does not exist). */
    public static List<PeakMemory> readAll(Path dir) {
        List<PeakMemory> samples = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return samples;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                samples.add(Json.MAPPER.readValue(f.toFile(), PeakMemory.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read the peak memory samples: " + e.getMessage(), e);
        }
        return samples;
    }
}
