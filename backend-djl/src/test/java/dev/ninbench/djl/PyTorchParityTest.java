package dev.ninbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.FixtureGenerator;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Safetensors;
import dev.ninbench.core.weights.SafetensorsFile;
import dev.ninbench.core.weights.Tensor;
import dev.ninbench.core.weights.XavierInit;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * This engine against PyTorch itself: core's fixtures hold what the d2l code computed in PyTorch 1.13 (eval
 * logits, the loss before one SGD step and the weights after it) for seeded weights and a fixed batch.
 */
class PyTorchParityTest {
    private final DjlBackend backend = new DjlBackend();

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "d2l68"})
    void logitsLossAndOneSgdStepMatchPyTorch(String folder) throws IOException {
        NinSpec spec = FixtureGenerator.fixtureSpec(folder);
        NinWeights init = XavierInit.init(spec, FixtureGenerator.WEIGHTS_SEED);
        Batch batch = FixtureGenerator.toBatch(Safetensors.read(FixtureGenerator.fixture(folder + "/batch.safetensors")));
        SafetensorsFile expected = Safetensors.readFile(FixtureGenerator.fixture(folder + "/expected.safetensors"));
        ModelOptions options = new ModelOptions(FixtureGenerator.LR, 1, 1, "cpu");

        try (Model model = backend.open(spec, init, options)) {
            double logits = maxAbsDiff(expected.tensor("logits").data(), model.logits(batch));
            System.out.printf("%s: logits differ from PyTorch by %.2e%n", folder, logits);
            assertTrue(logits < 1e-5, folder + ": logits differ from PyTorch by " + logits);
        }
        // the reference steps with dropout replaced by identity: no engine can draw PyTorch's masks
        try (Model model = backend.open(spec.withoutDropout(), init, options)) {
            assertEquals(expected.tensor("loss").data()[0], model.trainStep(batch), 1e-5, folder + ": loss");
            NinWeights after = model.weights();
            double worst = 0;
            for (String name : after.tensors().keySet()) {
                if (expected.tensors().containsKey("after." + name)) {
                    Tensor want = expected.tensor("after." + name);
                    worst = Math.max(worst, maxAbsDiff(want.data(), after.get(name).data()));
                }
            }
            System.out.printf("%s: weights after one step differ from PyTorch by %.2e%n", folder, worst);
            assertTrue(worst < 1e-6, folder + ": weights after one SGD step differ from PyTorch by " + worst);
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
