package dev.ninbench.core.engine;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The device engine tests run on: {@code -Dninbench.test.device}, {@code cpu} unless set. The {@code cuda} Maven
 * profile sets {@code gpu}, so {@code mvn -Pcuda verify} checks the CUDA builds where they are meant to run.
 */
public final class TestDevice {
    public static final Device DEVICE = Device.parse(System.getProperty("ninbench.test.device", "cpu"));

    private TestDevice() {
    }

    /**
     * For an engine's own tests of its CPU path: a GPU test run checks the engine through {@link BackendContract} on
     * the GPU and skips these, saying so.
     */
    public static void assumeCpuRun() {
        assumeFalse(DEVICE.isGpu(), "a " + DEVICE + " test run (-Dninbench.test.device): this CPU-only test is not run");
    }
}
