package dev.ninbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine contract (PyTorch parity of logits and one SGD step, weights round trip, ...) for DL4J, run with the
 * settings a user gets: the native build picked from the CPU's flags, the net built from libnd4j's ops.
 * {@link Dl4jIdiomaticBackendTest} runs the same on the MultiLayerNetwork.
 */
class Dl4jBackendTest extends BackendContract {
    @Override
    protected Backend backend() {
        return net() == Dl4jNet.OPS ? new Dl4jBackend() : new Dl4jIdiomaticBackend();
    }

    Dl4jNet net() {
        return Dl4jNet.OPS;
    }

    @Test
    void infoNamesTheNativeBuildAndTheNet() {
        TestDevice.assumeCpuRun(); // oneDNN and the CPU builds are the CPU backend's
        BackendInfo info = backend().info(options(0.1));
        Map<String, String> settings = info.settings();
        String build = settings.get("native.build");
        assertTrue(info.engine().contains(build.substring(1)), info.engine());
        assertEquals(net().description, settings.get("model"));
        assertEquals("2", settings.get(SettingKeys.THREADS_INTRAOP), settings.toString());
        if (net() == Dl4jNet.LAYERS) {
            // the Nd4jCpu bridge must make DL4J find oneDNN on the build that has it (else the layers are ~4x slower)
            // (unless a run switches DL4J's helpers off: -Dorg.eclipse.deeplearning4j.helpers.disable=true)
            boolean helpersOff = Boolean.parseBoolean(System.getProperty(Nd4jRuntime.HELPERS_DISABLE));
            assertEquals(build.contains("onednn") && !helpersOff, settings.get("layers").startsWith("oneDNN"),
                    settings.toString());
        }
    }

    /**
     * The contract checks one SGD step on the tiny net; this checks it on the d2l net (11x11 stride-4 convolution,
     * three pools, dropout with p = 0): the loss before the step and every weight after it that the fixture keeps
     * (biases and blocks 0 and 7), so the oneDNN layers' backward passes are checked on the real architecture too.
     */
    @Test
    void oneSgdStepOnTheD2lNetMatchesPyTorch() throws IOException {
        TestDevice.assumeCpuRun(); // 1e-5 was measured on the CPU; on a GPU the contract's tolerances hold
        NinSpec spec = FixtureGenerator.fixtureSpec("d2l68").withoutDropout();
        NinWeights init = XavierInit.init(spec, FixtureGenerator.WEIGHTS_SEED);
        Batch batch = fixtureBatch("d2l68");
        SafetensorsFile expected = Safetensors.readFile(FixtureGenerator.fixture("d2l68/expected.safetensors"));
        try (Model model = backend().open(spec, init, options(FixtureGenerator.LR))) {
            assertEquals(expected.tensor("loss").data()[0], model.trainStep(batch), 1e-5, "d2l68 loss before the step");
            int checked = 0;
            for (Map.Entry<String, dev.ninbench.core.weights.Tensor> e : model.weights().tensors().entrySet()) {
                String key = "after." + e.getKey();
                if (expected.tensors().containsKey(key)) {
                    assertClose(expected.tensor(key).data(), e.getValue().data(), 1e-5, "d2l68 after " + e.getKey());
                    checked++;
                }
            }
            assertEquals(18, checked, "tensors compared"); // 12 biases + the weights of blocks 0 and 7
        }
    }

    @Test
    void aGpuWithTheCpuBackendIsRefusedWithHowToGetTheCudaBuild() {
        assumeFalse(Nd4jRuntime.cudaBuild(), "this is the CUDA build");
        BackendInfo info = backend().info(new ModelOptions(0.1, 7, 1, Device.gpu(0)));
        assertEquals(List.of("cpu"), info.devices());
        assertEquals(backend().name() + " cannot compute on gpu:0: this engine folder has ND4J's CPU backend (nd4j-native); build the "
                + "CUDA one with mvn -Pcuda package (it needs CUDA 11.6 and cuDNN 8.3)", info.unavailableReason());
    }
}
