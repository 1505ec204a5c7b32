package dev.ninbench.core.machine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The NVIDIA GPUs of this machine and the device memory a process holds, as {@code nvidia-smi} (which comes with the
 * driver) reports them. Engine-neutral on purpose: the three engines expose device memory differently or not at all,
 * and {@code nvidia-smi} counts what a user sees, the CUDA context and each engine's caching allocator included.
 * Where there is no driver (no {@code nvidia-smi}, or it fails) there are no GPUs and no device memory.
 */
public final class Gpus {
    /** One GPU: its CUDA index, model, driver version and total memory. */
    public record Gpu(int index, String name, String driver, long memoryBytes) {
        @Override
        public String toString() {
            return "gpu:" + index + " " + name + ", " + String.format("%.1f GiB", memoryBytes / (double) (1L << 30))
                    + ", driver " + driver;
        }
    }

    private static final long MIB = 1L << 20;

    private Gpus() {
    }

    /** The GPUs {@code nvidia-smi} lists; empty without a driver. */
    public static List<Gpu> list() {
        String out = nvidiaSmi("--query-gpu=index,name,driver_version,memory.total", "--format=csv,noheader,nounits");
        return out == null ? List.of() : parseGpus(out);
    }

    /** Device memory process {@code pid} holds on all GPUs together, in bytes; empty without a driver. */
    public static OptionalLong processMemoryBytes(long pid) {
        String out = nvidiaSmi("--query-compute-apps=pid,used_memory", "--format=csv,noheader,nounits");
        return out == null ? OptionalLong.empty() : OptionalLong.of(parseProcessMemory(out, pid));
    }

    /** Lines of {@code index, name, driver_version, memory.total [MiB]}; lines that do not parse are left out. */
    static List<Gpu> parseGpus(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length != 4) {
                continue;
            }
            try {
                gpus.add(new Gpu(Integer.parseInt(f[0].trim()), f[1].trim(), f[2].trim(),
                        Long.parseLong(f[3].trim()) * MIB));
            } catch (NumberFormatException e) {
                // "[N/A]" or a header: not a GPU line
            }
        }
        return List.copyOf(gpus);
    }

    /** Sum of {@code used_memory [MiB]} over the lines of {@code pid} (one per GPU it uses), in bytes. */
    static long parseProcessMemory(String csv, long pid) {
        long bytes = 0;
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length == 2 && f[0].trim().equals(Long.toString(pid))) {
                try {
                    bytes += Long.parseLong(f[1].trim()) * MIB;
                } catch (NumberFormatException e) {
                    // "[N/A]" (e.g. some virtualised GPUs): unknown, counts as nothing
                }
            }
        }
        return bytes;
    }

    /** nvidia-smi's standard output, or null when it is missing, fails or hangs (10 s). */
    private static String nvidiaSmi(String... args) {
        List<String> command = new ArrayList<>(List.of("nvidia-smi"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null; // no nvidia-smi: no NVIDIA driver on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
