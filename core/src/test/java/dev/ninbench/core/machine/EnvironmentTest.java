package dev.ninbench.core.machine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
