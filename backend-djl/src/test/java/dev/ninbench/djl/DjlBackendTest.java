package dev.ninbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendContract;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.core.engine.TestDevice;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.FixtureGenerator;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Safetensors;
import dev.ninbench.core.weights.SafetensorsFile;
import dev.ninbench.core.weights.XavierInit;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine contract every backend passes, plus what this engine promises beyond it. */
class DjlBackendTest extends BackendContract {
    @Override
    protected Backend backend() {
        return new DjlBackend();
    }

    @Test
    void infoNamesTheEngineAndTheSettingsItRunsWith() {
        BackendInfo info = backend().info(new ModelOptions(0.1, 7, 1, Device.CPU));
        // the versions the POM resolved (the cuda profile pins others): what is loaded is what was built against
        assertEquals(System.getProperty("ninbench.expected.engine"), info.engine());
        assertEquals("1", info.settings().get("threads.intraop"));
        assertEquals("1", info.settings().get("threads.interop"));
        assertEquals("true", info.settings().get("ai.djl.offline"));
        assertEquals("nhwc", info.settings().get(SettingKeys.MEMORY_FORMAT));
        assertEquals(DjlBackend.MODEL, info.settings().get("model"));
        // the threads follow each run's options (intra-op threads can change at any time, unlike inter-op)
        assertEquals("2", backend().info(new ModelOptions(0.1, 7, 2, Device.CPU)).settings().get("threads.intraop"));
    }

    /**
     * Tighter than the contract, and for the d2l net too: logits, the loss before one SGD step and every weight
     * after it that the fixture keeps (what DJL reaches: docs/engine-facts.md, "DJL (PyTorch engine)").
     */
    @ParameterizedTest
    @ValueSource(strings = {"tiny", "d2l68"})
    void oneSgdStepMatchesPyTorchClosely(String folder) throws IOException {
        TestDevice.assumeCpuRun(); // measured on the CPU; cuDNN's algorithms are held to the contract's tolerance
        NinSpec spec = FixtureGenerator.fixtureSpec(folder);
        NinWeights init = XavierInit.init(spec, FixtureGenerator.WEIGHTS_SEED);
        Batch batch = fixtureBatch(folder);
        SafetensorsFile expected = Safetensors.readFile(FixtureGenerator.fixture(folder + "/expected.safetensors"));
        try (Model model = backend().open(spec, init, options(FixtureGenerator.LR))) {
            assertClose(expected.tensor("logits").data(), model.logits(batch), 1e-5, folder + " logits");
        }
        try (Model model = backend().open(spec.withoutDropout(), init, options(FixtureGenerator.LR))) {
            assertEquals(expected.tensor("loss").data()[0], model.trainStep(batch), 1e-5, folder + " loss");
            model.weights().tensors().forEach((name, got) -> {
                if (expected.tensors().containsKey("after." + name)) {
                    assertClose(expected.tensor("after." + name).data(), got.data(), 1e-6, folder + " after " + name);
                }
            });
        }
    }

    @Test
    void aGpuWithTheCpuNativesIsRefusedWithHowToGetTheCudaBuild() {
        BackendInfo info = backend().info(new ModelOptions(0.1, 7, 1, Device.gpu(0)));
        assumeTrue("cpu".equals(info.settings().get(SettingKeys.NATIVE_BUILD)), "this is the CUDA build");
        assertEquals(List.of("cpu"), info.devices());
        assertEquals("djl cannot compute on gpu:0: this engine folder has PyTorch's CPU natives (pytorch-native-cpu); "
                + "build the CUDA one with mvn -Pcuda package", info.unavailableReason());
    }
}
