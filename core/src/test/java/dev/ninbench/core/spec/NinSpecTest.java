package dev.ninbench.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NinSpecTest {

    @ParameterizedTest
    @ValueSource(ints = {224, 96, 68, 67})
    void d2lHasTheBooksParameterCountAtEverySide(int side) {
        assertEquals(1_992_166, NinSpec.d2l(side).parameterCount());
    }

    @Test
    void d2lShapesAt224MatchTheBook() {
        // d2l prints these shapes for X = torch.rand(1, 1, 224, 224)
        List<String> expected = List.of("96x54x54", "96x26x26", "256x26x26", "256x12x12", "384x12x12", "384x5x5",
                "384x5x5", "10x5x5");
        assertEquals(expected, NinSpec.d2l(224).outputShapes().stream().map(Shape::toString).toList());
    }

    @Test
    void forwardFlopsMatchTheReferenceFigures() {
        // docs/engine-facts.md: 224 px 1.525 G, 96 px 216 M, 68 px 108 M (multiply-add = 2)
        assertEquals(1.525e9, NinSpec.d2l(224).forwardFlops(), 0.005e9);
        assertEquals(216e6, NinSpec.d2l(96).forwardFlops(), 1e6);
        assertEquals(108e6, NinSpec.d2l(68).forwardFlops(), 1e6);
    }

    @Test
    void forwardFlopsOfOneBlockAreCountedByHand() {
        NinSpec one = new NinSpec("one", 1, 8, 2, List.of(new Layer.NinBlock(2, 3, 1, 0)));
        // 6x6 output: 3x3 conv 1->2 is 2*9*1*2*36 = 1296 FLOPs, each 1x1 2->2 is 2*2*2*36 = 288
        assertEquals(1296 + 2 * 288, one.forwardFlops());
        // weights 2*1*3*3 + 2, then 2*2 + 2 twice
        assertEquals(20 + 6 + 6, one.parameterCount());
    }

    @Test
    void forwardCallsTheEnginesOpsInTheSequentialsOrderWithPyTorchsNames() {
        NinSpec spec = NinSpec.tiny();
        List<String> calls = spec.forward(List.of(), new NinOps<List<String>>() {
            @Override
            public List<String> convRelu(List<String> x, NinOp.Conv conv) {
                return with(x, conv.weight().name() + "/" + conv.bias().name() + " k" + conv.kernel() + " s"
                        + conv.stride() + " p" + conv.padding() + " -> " + conv.out());
            }

            @Override
            public List<String> maxPool(List<String> x, NinOp.MaxPool pool) {
                return with(x, "pool " + pool.layer() + " " + pool.in() + " -> " + pool.out());
            }

            @Override
            public List<String> dropout(List<String> x, NinOp.Dropout dropout) {
                return with(x, "dropout " + dropout.layer() + " p" + dropout.p() + " " + dropout.out());
            }

            @Override
            public List<String> globalAveragePool(List<String> x, NinOp.GlobalAveragePool pool) {
                return with(x, "gap " + pool.in() + " -> " + pool.out());
            }
        });
        assertEquals(List.of(
                "0.0.weight/0.0.bias k5 s2 p0 -> 8x14x14",
                "0.2.weight/0.2.bias k1 s1 p0 -> 8x14x14",
                "0.4.weight/0.4.bias k1 s1 p0 -> 8x14x14",
                "pool 1 8x14x14 -> 8x6x6",
                "2.0.weight/2.0.bias k3 s1 p1 -> 16x6x6",
                "2.2.weight/2.2.bias k1 s1 p0 -> 16x6x6",
                "2.4.weight/2.4.bias k1 s1 p0 -> 16x6x6",
                "pool 3 16x6x6 -> 16x2x2",
                "dropout 4 p0.5 16x2x2",
                "5.0.weight/5.0.bias k3 s1 p1 -> 10x2x2",
                "5.2.weight/5.2.bias k1 s1 p0 -> 10x2x2",
                "5.4.weight/5.4.bias k1 s1 p0 -> 10x2x2",
                "gap 10x2x2 -> 10x1x1"), calls);
        // the parameters are the convolutions' weights and biases, in the same order
        assertEquals(calls.stream().filter(c -> c.contains("weight")).flatMap(c -> List.of(c.split(" ")[0].split("/"))
                .stream()).toList(), spec.parameters().stream().map(ParamShape::name).toList());
    }

    @Test
    void dropoutOfZeroRunsNothingButKeepsTheLayersIndices() {
        NinSpec plain = NinSpec.tiny().withoutDropout();
        assertTrue(plain.dropouts().isEmpty());
        assertFalse(plain.hasDropout());
        assertEquals(NinSpec.tiny().ops().size() - 1, plain.ops().size());
        assertEquals(NinSpec.tiny().parameters(), plain.parameters());
    }

    private static List<String> with(List<String> list, String item) {
        List<String> more = new java.util.ArrayList<>(list);
        more.add(item);
        return more;
    }

    @Test
    void smallestInputSideOfD2lIs67() {
        assertEquals(67, NinSpec.d2l(224).minimumInputSide());
    }

    @Test
    void tooSmallInputNamesTheLayerAndTheSmallestSide() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NinSpec.d2l(66));
        assertTrue(e.getMessage().contains("layer 5 (max_pool(k=3, s=2))"), e.getMessage());
        assertTrue(e.getMessage().contains("smallest input side this net accepts is 67"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void parametersFollowPyTorchStateDictNamesAndLayouts() {
        List<ParamShape> p = NinSpec.d2l(224).parameters();
        assertEquals(24, p.size());
        assertEquals("0.0.weight[96, 1, 11, 11]", p.get(0).toString());
        assertEquals("0.0.bias[96]", p.get(1).toString());
        assertEquals("0.2.weight[96, 96, 1, 1]", p.get(2).toString());
        assertEquals("2.0.weight[256, 96, 5, 5]", p.get(6).toString());
        assertEquals("4.4.bias[384]", p.get(17).toString());
        assertEquals("7.0.weight[10, 384, 3, 3]", p.get(18).toString());
        assertEquals("7.4.bias[10]", p.get(23).toString());
        assertEquals(121, p.get(0).fanIn());
        assertEquals(256 * 25, p.get(6).fanOut());
    }

    @Test
    void tinyHasEveryKindOfLayerAndFewParameters() {
        NinSpec tiny = NinSpec.tiny();
        assertTrue(tiny.parameterCount() < 5000, "tiny has " + tiny.parameterCount());
        assertTrue(tiny.hasDropout());
        assertTrue(tiny.inputSide() != NinSpec.SOURCE_SIDE, "tiny must exercise the engine's resize");
        assertTrue(tiny.layers().stream().anyMatch(l -> l instanceof Layer.MaxPool));
    }

    @Test
    void withoutDropoutKeepsTheWeightNames() {
        NinSpec d2l = NinSpec.d2l(96);
        NinSpec plain = d2l.withoutDropout();
        assertFalse(plain.hasDropout());
        assertEquals(d2l.parameters(), plain.parameters());
    }

    @Test
    void lastBlockMustProduceOneChannelPerClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new NinSpec("bad", 1, 32, 10, List.of(new Layer.NinBlock(8, 3, 1, 1))));
        assertTrue(e.getMessage().contains("8 channels but the spec has 10 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                new NinSpec("bad", 1, 32, 10, List.of(new Layer.NinBlock(10, 3, 1, 1), new Layer.MaxPool(2, 2))));
        assertThrows(IllegalArgumentException.class, () -> new Layer.Dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Layer.NinBlock(8, 0, 1, 0));
    }

    @Test
    void jsonRoundTripKeepsTheSpec() throws Exception {
        NinSpec d2l = NinSpec.d2l(96);
        String json = Json.MAPPER.writeValueAsString(d2l);
        assertTrue(json.contains("\"type\":\"nin_block\""), json);
        NinSpec back = Json.MAPPER.readValue(json, NinSpec.class);
        assertEquals(d2l, back);
        assertEquals(d2l.parameterCount(), back.parameterCount());
    }
}
