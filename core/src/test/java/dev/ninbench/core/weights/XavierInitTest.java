package dev.ninbench.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class XavierInitTest {
    private static final NinSpec D2L = NinSpec.d2l(68);
    private static NinWeights d2l;

    @BeforeAll
    static void initD2l() {
        d2l = XavierInit.init(D2L, FixtureGenerator.WEIGHTS_SEED); // 2M floats: drawn once for the class
    }

    @Test
    void namesAndShapesAreTheSpecsInStateDictOrder() {
        for (NinSpec spec : List.of(NinSpec.tiny(), D2L)) {
            NinWeights w = spec == D2L ? d2l : XavierInit.init(spec, 1);
            List<ParamShape> params = spec.parameters();
            assertEquals(params.stream().map(ParamShape::name).toList(), List.copyOf(w.tensors().keySet()));
            for (ParamShape p : params) {
                assertArrayEquals(p.shape(), w.get(p.name()).shape(), p.name());
            }
            assertEquals(spec.parameterCount(), w.parameterCount());
        }
        assertEquals(1_992_166, d2l.parameterCount());
    }

    @Test
    void sameSeedGivesTheSameBitsAndAnotherSeedOthers() {
        assertEquals(XavierInit.init(NinSpec.tiny(), 5), XavierInit.init(NinSpec.tiny(), 5));
        assertEquals(d2l, XavierInit.init(NinSpec.d2l(96), FixtureGenerator.WEIGHTS_SEED), "input side must not matter");
        NinWeights other = XavierInit.init(NinSpec.tiny(), 6);
        for (Map.Entry<String, Tensor> e : XavierInit.init(NinSpec.tiny(), 5).tensors().entrySet()) {
            assertNotEquals(e.getValue(), other.get(e.getKey()), e.getKey() + " must depend on the seed");
        }
    }

    @Test
    void weightsStayWithinTheXavierBoundAndBiasesWithinOneOverSqrtFanIn() {
        for (ParamShape p : D2L.parameters()) {
            double bound = p.bias() ? 1 / Math.sqrt(p.fanIn()) : Math.sqrt(6.0 / (p.fanIn() + p.fanOut()));
            assertEquals(bound, p.bias() ? XavierInit.biasBound(p) : XavierInit.weightBound(p), 1e-15);
            float max = 0;
            for (float v : d2l.get(p.name()).data()) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max <= (float) bound, p.name() + ": |value| " + max + " > bound " + bound);
            // and the values use the range: the largest of n uniform draws is close to the bound
            assertTrue(max > bound * (1 - 20.0 / p.elements()), p.name() + ": max " + max + " far below " + bound);
        }
    }

    @Test
    void theBigTensorHasTheStdOfItsUniformDistribution() {
        ParamShape p = D2L.parameters().stream().filter(x -> x.name().equals("2.0.weight")).findFirst().orElseThrow();
        float[] v = d2l.get("2.0.weight").data();
        assertEquals(614_400, v.length);
        double sum = 0;
        double squares = 0;
        for (float x : v) {
            sum += x;
            squares += (double) x * x;
        }
        double mean = sum / v.length;
        double std = Math.sqrt(squares / v.length - mean * mean);
        assertEquals(96 * 25, p.fanIn());
        assertEquals(256 * 25, p.fanOut());
        // uniform(-a, a) has std a / sqrt(3); a = sqrt(6 / (fanIn + fanOut)), written out so the test stands alone
        double expected = Math.sqrt(6.0 / (96 * 25 + 256 * 25)) / Math.sqrt(3);
        assertEquals(expected, std, expected * 0.005, "std of 2.0.weight");
        assertEquals(0, mean, expected * 0.01, "mean of 2.0.weight");
    }

    @Test
    void d2lWeightsFileHasTheCommittedSha256() throws Exception {
        byte[] file = Safetensors.encode(d2l.tensors(), XavierInit.metadata(D2L, FixtureGenerator.WEIGHTS_SEED));
        String committed = Files.readString(FixtureGenerator.fixture("d2l68/weights.sha256")).split("\\s+")[0];
        assertEquals(committed, FixtureGenerator.sha256(file),
                "XavierInit or the safetensors writer changed; regenerate the fixtures (fixtures/README.md) only on purpose");
        assertEquals(8 + 1_992_166 * 4, file.length - headerLength(file), "data section size");
    }

    @Test
    void tinyWeightsFixtureIsWhatXavierInitGivesNow() throws Exception {
        NinSpec tiny = NinSpec.tiny();
        NinWeights now = XavierInit.init(tiny, FixtureGenerator.WEIGHTS_SEED);
        assertEquals(now, Safetensors.readWeights(FixtureGenerator.fixture("tiny/weights.safetensors"), tiny));
        assertArrayEquals(Safetensors.encode(now.tensors(), XavierInit.metadata(tiny, FixtureGenerator.WEIGHTS_SEED)),
                Files.readAllBytes(FixtureGenerator.fixture("tiny/weights.safetensors")));
    }

    private static long headerLength(byte[] file) {
        return java.nio.ByteBuffer.wrap(file, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
