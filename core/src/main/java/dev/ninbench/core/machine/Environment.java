package dev.ninbench.core.machine;

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
 * The machine a figure was measured on. Absolute speeds mean little without it (docs/engine-facts.md, "Machines
 * differ"), so every run record carries one.
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

    /**
     * Families of variables that each change how a math library computes (threads, kernels, ISA, verbosity) or how
     * memory is allocated (glibc's MALLOC_*).
     */
    private static final List<String> ENV_PREFIXES = List.of("OMP_", "MKL_", "OPENBLAS_", "ONEDNN_", "DNNL_",
            "MKLDNN_", "KMP_", "GOMP_", "MALLOC_");
    /**
     * Single variables that change what an engine computes or how fast; not the ones that only move files or quiet
     * logs (DJL_CACHE_DIR, TF_CPP_MIN_LOG_LEVEL, TF_CLI_CONFIG_FILE, ...), which say nothing about a result.
     */
    private static final java.util.Set<String> ENV_NAMES = java.util.Set.of("TF_ENABLE_ONEDNN_OPTS",
            "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "TF_XLA_FLAGS", "XLA_FLAGS", "TF_GPU_ALLOCATOR",
            "TF_FORCE_GPU_ALLOW_GROWTH", "TF_ENABLE_AUTO_MIXED_PRECISION", "CUDA_VISIBLE_DEVICES",
            "CUDA_LAUNCH_BLOCKING", "NVIDIA_TF32_OVERRIDE", "PYTORCH_VERSION", "PYTORCH_FLAVOR", "PYTORCH_PRECXX11",
            "PYTORCH_NO_CUDA_MEMORY_CACHING", "PYTORCH_JIT", "DJL_DEFAULT_ENGINE", "THP_MEM_ALLOC_ENABLE",
            "GLIBC_TUNABLES", "LD_PRELOAD");

    /**
     * Which malloc a process started with {@code env} uses, and how, for its record: an allocator preloaded
     * ("libtcmalloc_minimal.so.4 (LD_PRELOAD)"), glibc's with the settings GLIBC_TUNABLES gives it ("glibc
     * mmap_threshold=33554432 trim_threshold=68719476736"), or "glibc defaults". (nin_reference.py's malloc_info says
     * the same of PyTorch's rows.)
     */
    public static String malloc(Map<String, String> env) {
        List<String> preloaded = java.util.Arrays.stream(env.getOrDefault("LD_PRELOAD", "").split("[:\\s]+"))
                .filter(p -> p.contains("malloc")).map(p -> Path.of(p).getFileName().toString()).toList();
        if (!preloaded.isEmpty()) {
            return String.join(" ", preloaded) + " (LD_PRELOAD)";
        }
        List<String> tunables = java.util.Arrays.stream(env.getOrDefault("GLIBC_TUNABLES", "").split(":"))
                .filter(t -> t.startsWith("glibc.malloc.")).map(t -> t.substring("glibc.malloc.".length())).toList();
        return tunables.isEmpty() ? "glibc defaults" : "glibc " + String.join(" ", tunables);
    }

    /** Whether the variable {@code name} changes an engine's behaviour, so that a record keeps it. */
    public static boolean changesEngineBehaviour(String name) {
        return ENV_NAMES.contains(name) || ENV_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /**
     * CPU nanoseconds this process has used so far, all its threads (an engine's native ones too): over a stretch of
     * wall time, the cores it kept busy.
     */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static Environment capture() {
        Map<String, String> env = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (changesEngineBehaviour(k)) {
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
