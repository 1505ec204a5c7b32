package dev.ninbench.core.record;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The machine a figure was measured on. Absolute speeds mean little without it (../shared/REFERENCE.md: the same
 * code ran 1.8x faster on one "2 vCPU AMD EPYC" than on another), so every run record carries one.
 *
 * @param cpuFlags the SIMD flags that change which kernels engines pick (avx2, avx512*, amx*, fma)
 * @param env      variables that change engine behaviour (threads, BLAS kernels, engine logging/caches, CUDA)
 * @param gpus     the NVIDIA GPUs here (model, driver, memory), whether or not the run used one; empty without a
 *                 driver, and in records written before GPUs were recorded
 * @param clock    the CPU clock a {@link TheoreticalPeak} is computed from; unknown (0 MHz) in records written before
 *                 it was recorded
 */
public record Environment(String host, String cpuModel, List<String> cpuFlags, int cores, long memoryBytes,
                          String os, String jdk, Map<String, String> env, List<Gpus.Gpu> gpus, CpuClock clock) {
    public Environment {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        clock = clock == null ? new CpuClock(0, "not recorded") : clock;
    }

    /** A machine whose clock is not known. */
    public Environment(String host, String cpuModel, List<String> cpuFlags, int cores, long memoryBytes, String os,
                       String jdk, Map<String, String> env, List<Gpus.Gpu> gpus) {
        this(host, cpuModel, cpuFlags, cores, memoryBytes, os, jdk, env, gpus, null);
    }

    private static final List<String> ENV_PREFIXES = List.of("OMP_", "MKL_", "OPENBLAS_", "TF_", "DJL_", "ENGINE_",
            "ONEDNN_", "DNNL_", "KMP_", "GOMP_", "CUDA_", "NVIDIA_", "PYTORCH_", "XLA_");

    public static Environment capture() {
        Map<String, String> env = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (ENV_PREFIXES.stream().anyMatch(k::startsWith)) {
                env.put(k, v);
            }
        });
        List<String> cpuinfo = readLines(Path.of("/proc/cpuinfo"));
        String model = field(cpuinfo, "model name").orElse(System.getProperty("os.arch"));
        List<String> flags = simdFlags(cpuinfo);
        long memory = field(readLines(Path.of("/proc/meminfo")), "MemTotal")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024).orElse(-1L);
        String os = field(readLines(Path.of("/etc/os-release")), "PRETTY_NAME")
                .map(v -> v.replace("\"", "")).orElse(System.getProperty("os.name"))
                + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ")";
        String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version");
        return new Environment(hostName(), model, flags, Runtime.getRuntime().availableProcessors(), memory, os, jdk, env,
                Gpus.list(), CpuClock.read(cpuinfo));
    }

    /** The flags of /proc/cpuinfo that change which kernels engines pick (avx*, amx*, fma, f16c), sorted. */
    static List<String> simdFlags(List<String> cpuinfo) {
        return field(cpuinfo, "flags").map(f -> Stream.of(f.split("\\s+"))
                .filter(x -> x.startsWith("avx") || x.startsWith("amx") || x.equals("fma") || x.equals("f16c"))
                .sorted().toList()).orElse(List.of());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }

    private static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException | SecurityException e) {
            return List.of(); // not Linux, or not readable: the field stays unknown rather than failing a run
        }
    }

    /** The value of the first "key : value" or "KEY=value" line whose key is {@code key}. */
    static Optional<String> field(List<String> lines, String key) {
        for (String line : lines) {
            int sep = line.indexOf(':') >= 0 && !line.contains("=") ? line.indexOf(':') : line.indexOf('=');
            if (sep > 0 && line.substring(0, sep).trim().equals(key)) {
                return Optional.of(line.substring(sep + 1).trim());
            }
        }
        return Optional.empty();
    }
}
