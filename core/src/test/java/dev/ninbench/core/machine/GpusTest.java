package dev.ninbench.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** nvidia-smi's CSV as the driver prints it (samples from its documentation's format), parsed without a GPU. */
class GpusTest {
    @Test
    void parsesTheGpuList() {
        String csv = """
                0, NVIDIA H100 80GB HBM3, 550.54.15, 81559
                1, NVIDIA GeForce RTX 4090, 550.54.15, 24564
                """;
        List<Gpus.Gpu> gpus = Gpus.parseGpus(csv);
        assertEquals(List.of(new Gpus.Gpu(0, "NVIDIA H100 80GB HBM3", "550.54.15", 81559L << 20),
                new Gpus.Gpu(1, "NVIDIA GeForce RTX 4090", "550.54.15", 24564L << 20)), gpus);
        assertEquals("gpu:0 NVIDIA H100 80GB HBM3, 79.6 GiB, driver 550.54.15", gpus.get(0).toString());
    }

    @Test
    void skipsLinesThatAreNotGpus() {
        assertEquals(List.of(), Gpus.parseGpus(""));
        assertEquals(List.of(), Gpus.parseGpus("index, name, driver_version, memory.total [MiB]\n0, X, 1, [N/A]\n"));
    }

    @Test
    void sumsAProcesssMemoryOverItsGpus() {
        String csv = """
                4242, 1536
                17, 900
                4242, 512
                4243, [N/A]
                """;
        assertEquals(2048L << 20, Gpus.parseProcessMemory(csv, 4242));
        assertEquals(0, Gpus.parseProcessMemory(csv, 4243));
        assertEquals(0, Gpus.parseProcessMemory("", 1));
    }
}
