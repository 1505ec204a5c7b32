package dev.ninbench.bench.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The allocator the tuned libtorch paths run with (DJL's tuned path: {@code tuned.malloc=reuse} in its
 * engine.properties; PyTorch's channels-last and compiled rows): one that keeps freed memory for the next step.
 * libtorch allocates every activation and gradient afresh in each step and frees it after; with glibc's defaults the
 * largest of them are unmapped on free and come back page-faulted and zeroed, in some processes and not others (glibc
 * moves its mmap threshold with what was freed), so the same code lands in a fast or a slow mode. tcmalloc where it is
 * installed, as PyTorch's own CPU launcher (torch.backends.xeon.run_cpu) preloads it (Debian: libtcmalloc-minimal4);
 * otherwise glibc's malloc with its mmap threshold pinned at its 32 MiB ceiling and trimming off (GLIBC_TUNABLES).
 * jemalloc, the other allocator PyTorch's tuning guide names, is not offered: it made both PyTorch and DJL slower.
 * What each choice is worth, measured: results/performance/README.md, DJL and PyTorch sections.
 */
public final class ReuseMalloc {
    /** glibc's thresholds: mmap only above 32 MiB (glibc's ceiling for it), never give the heap's top back. */
    public static final String GLIBC_TUNABLES =
            "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=68719476736";
    /** tcmalloc's library names, the minimal build (no profiler) first. */
    static final List<String> TCMALLOC = List.of("libtcmalloc_minimal.so.4", "libtcmalloc.so.4");

    private ReuseMalloc() {
    }

    /**
     * The environment entries that select it here: {@code LD_PRELOAD} of tcmalloc if found, else
     * {@code GLIBC_TUNABLES}; none when the user's environment has either (the user chose an allocator).
     */
    public static Map<String, String> environment() {
        return environment(System.getenv(), libraryDirs());
    }

    /** As {@link #environment()} for a user's environment {@code env}, looking for tcmalloc in {@code dirs}. */
    static Map<String, String> environment(Map<String, String> env, List<Path> dirs) {
        if (env.containsKey("LD_PRELOAD") || env.containsKey("GLIBC_TUNABLES")) {
            return Map.of();
        }
        for (Path dir : dirs) {
            for (String name : TCMALLOC) {
                Path lib = dir.resolve(name);
                if (Files.isRegularFile(lib)) {
                    return Map.of("LD_PRELOAD", lib.toString());
                }
            }
        }
        return Map.of("GLIBC_TUNABLES", GLIBC_TUNABLES);
    }

    /** Where the system keeps shared libraries: Debian's multiarch folder first, then the usual ones. */
    static List<Path> libraryDirs() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        return List.of(Path.of("/usr/lib/" + arch + "-linux-gnu"), Path.of("/usr/lib64"), Path.of("/usr/lib"),
                Path.of("/usr/local/lib"));
    }
}
