package dev.ninbench.core.weights;

import dev.ninbench.core.train.Evaluation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The committed fixtures: files written by the Python reference (nin_reference.py, its own safetensors code) read
 * back here, which is the interoperability proof, and their contents are what the generator says they are.
 */
class PythonFixturesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny, 8", "d2l68, 4"})
    void specAndBatchAreWhatTheGeneratorMakes(String folder, int images) throws IOException {
        NinSpec spec = FixtureGenerator.fixtureSpec(folder);
        assertEquals(folder.equals("tiny") ? NinSpec.tiny() : NinSpec.d2l(68), spec);
        Map<String, Tensor> batch = Safetensors.read(FixtureGenerator.fixture(folder + "/batch.safetensors"));
        assertEquals(FixtureGenerator.batchTensors(images, FixtureGenerator.BATCH_SEED), batch);
        assertArrayEquals(new int[] {images, 1, 28, 28}, batch.get("images").shape());
        for (float v : batch.get("images").data()) {
            assertTrue(v >= 0 && v <= 1 && Math.abs(v * 255 - Math.round(v * 255)) < 1e-4, "pixel " + v);
        }
        Batch b = FixtureGenerator.toBatch(batch);
        assertTrue(Arrays.stream(b.labels()).allMatch(l -> l >= 0 && l <= 9), Arrays.toString(b.labels()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tiny, 8", "d2l68, 4"})
    void expectedFileFromPythonReadsBackAndIsSane(String folder, int images) throws IOException {
        NinSpec spec = FixtureGenerator.fixtureSpec(folder);
        SafetensorsFile expected = Safetensors.readFile(FixtureGenerator.fixture(folder + "/expected.safetensors"));
        assertEquals("nin_reference.py", expected.metadata().get("generator"));
        assertEquals("0.1", expected.metadata().get("lr"));

        float[] logits = expected.tensor("logits").data();
        assertArrayEquals(new int[] {images, spec.classes()}, expected.tensor("logits").shape());
        assertTrue(allFinite(logits), "logits must be finite");
        float loss = expected.tensor("loss").data()[0];
        assertEquals(2.3, loss, 0.3, "cross-entropy at init is near ln(10)");
        // no batch norm and dropout off: the train-mode logits of the step are the eval logits, so the loss
        // Python reports must be their mean cross-entropy
        int[] labels = FixtureGenerator.toBatch(Safetensors.read(FixtureGenerator.fixture(folder + "/batch.safetensors")))
                .labels();
        assertEquals(Evaluation.meanCrossEntropy(logits, labels, spec.classes()), loss, 1e-5);

        NinWeights before = XavierInit.init(spec, FixtureGenerator.WEIGHTS_SEED);
        List<String> omitted = new ArrayList<>();
        for (ParamShape p : spec.parameters()) {
            if (!expected.tensors().containsKey("after." + p.name())) {
                omitted.add(p.name());
                continue;
            }
            Tensor after = expected.tensor("after." + p.name());
            assertArrayEquals(p.shape(), after.shape(), p.name());
            assertTrue(allFinite(after.data()), p.name());
            double change = maxAbsDiff(before.get(p.name()).data(), after.data());
            assertTrue(change < 0.5, p.name() + " moved by " + change + " in one SGD step");
            if (p.name().endsWith(".0.weight") || p.name().equals("0.0.bias")) {
                assertTrue(change > 0, p.name() + " must be changed by the step (is the gradient reaching it?)");
            }
        }
        assertEquals(String.join(",", omitted), expected.metadata().get("after_omitted"));
        assertEquals(spec.parameters().size() - omitted.size() + 2, expected.tensors().size(), "nothing else");
        if (folder.equals("tiny")) {
            assertEquals(List.of(), omitted, "the tiny fixture keeps every updated weight");
        } else {
            assertTrue(expected.tensors().containsKey("after.0.0.weight"), "d2l keeps the first layer's update");
        }
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
