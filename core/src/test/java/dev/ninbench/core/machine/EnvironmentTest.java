package dev.ninbench.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    @Test
    void keepsOnlyTheVariablesThatChangeAnEngine() {
        for (String kept : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_CORETYPE", "ONEDNN_VERBOSE",
                "KMP_AFFINITY", "TF_ENABLE_ONEDNN_OPTS", "CUDA_VISIBLE_DEVICES", "NVIDIA_TF32_OVERRIDE",
                "THP_MEM_ALLOC_ENABLE", "MALLOC_ARENA_MAX", "GLIBC_TUNABLES", "LD_PRELOAD")) {
            assertTrue(Environment.changesEngineBehaviour(kept), kept);
        }
        for (String left : List.of("TF_CLI_CONFIG_FILE", "TF_CPP_MIN_LOG_LEVEL", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR",
                "PATH", "HOME", "CUDA_HOME")) {
            assertFalse(Environment.changesEngineBehaviour(left), left);
        }
    }

    @Test
    void saysWhichMallocAProcessUses() {
        assertEquals("glibc defaults", Environment.malloc(Map.of()));
        assertEquals("glibc defaults", Environment.malloc(Map.of("GLIBC_TUNABLES", "glibc.cpu.hwcaps=-AVX2")));
        assertEquals("glibc mmap_threshold=33554432 trim_threshold=68719476736", Environment.malloc(Map.of(
                "GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=68719476736")));
        assertEquals("libtcmalloc_minimal.so.4 (LD_PRELOAD)", Environment.malloc(Map.of("LD_PRELOAD",
                "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4", "GLIBC_TUNABLES", "glibc.malloc.arena_max=1")));
        assertEquals("glibc defaults", Environment.malloc(Map.of("LD_PRELOAD", "/opt/libfoo.so")));
    }
}
