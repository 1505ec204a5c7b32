package dev.ninbench.engineside;

import dev.ninbench.core.machine.Gpus;
import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Peak resident memory of a benchmark JVM: Linux's {@code VmHWM} ("high water mark" of the resident set) from
 * {@code /proc/self/status}, read by the JMH fork itself at the end of its trial. It covers the whole process
 * over its whole life: the Java heap it touched, the engine's native tensors and workspaces, and the loaded
 * libraries. JMH runs each benchmark and parameter set in forks of their own, so each sample is one benchmark
 * at one batch size and side. Each fork writes one small JSON file, which the launcher reads back.
 *
 * <p>On a GPU the fork also samples its device memory ({@link DeviceSampler}): no engine reports a peak the same way,
 * so {@code nvidia-smi}'s view of the process is polled while the benchmark runs.
 *
 * @param benchmark       JMH's benchmark name (class and method)
 * @param peakRssBytes    VmHWM in bytes, or -1 where /proc has none (not Linux)
 * @param peakDeviceBytes the most GPU memory the fork was seen holding; 0 on the CPU
 * @param coresBusy       the fork's CPU time over the wall time of its measured iterations: how many cores the
 *                        engine kept busy (about 1 for one thread, up to the thread count); NaN when not measured
 *                        (samples written before it: their files lack it)
 */
public record PeakMemory(String benchmark, int batchSize, int inputSide, long peakRssBytes, long peakDeviceBytes,
                         double coresBusy) {
    public PeakMemory {
        coresBusy = coresBusy > 0 ? coresBusy : Double.NaN; // a missing key reads back as 0
    }

    /** A sample without the cores busy. */
    public PeakMemory(String benchmark, int batchSize, int inputSide, long peakRssBytes, long peakDeviceBytes) {
        this(benchmark, batchSize, inputSide, peakRssBytes, peakDeviceBytes, Double.NaN);
    }

    /** The folder the forks write their samples to; set by the launcher, inherited by JMH's forks. */
    public static final String DIR_PROPERTY = "ninbench.jmh.memoryDir";

    static void record(Path dir, String benchmark, int batchSize, int inputSide, long peakDeviceBytes,
                       double coresBusy) {
        PeakMemory sample = new PeakMemory(benchmark, batchSize, inputSide, vmHwmBytes(), peakDeviceBytes, coresBusy);
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

    /**
     * Polls this process's GPU memory twice a second on a daemon thread and keeps the largest value. Sampling can miss
     * a short spike; the engines' caching allocators keep what they reserved, so the peak shows for long enough.
     */
    static final class DeviceSampler implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nin-bench-gpu-memory");
            t.setDaemon(true);
            return t;
        });

        DeviceSampler() {
            long pid = ProcessHandle.current().pid();
            poller.scheduleWithFixedDelay(() -> Gpus.processMemoryBytes(pid).ifPresent(b -> peak.accumulateAndGet(b, Math::max)),
                    0, 500, TimeUnit.MILLISECONDS);
        }

        /** The largest sample so far, after one last one. */
        long peakBytes() {
            Gpus.processMemoryBytes(ProcessHandle.current().pid()).ifPresent(b -> peak.accumulateAndGet(b, Math::max));
            return peak.get();
        }

        @Override
        public void close() {
            poller.shutdownNow();
        }
    }
}
