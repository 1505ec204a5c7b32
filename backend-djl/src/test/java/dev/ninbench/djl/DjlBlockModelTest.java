package dev.ninbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.Dropout;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.TestDevice;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.XavierInit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How DjlBlockModel builds its net and manages memory; the engine contract is in DjlIdiomaticBackendTest. */
class DjlBlockModelTest {
    private static final NinSpec TINY = NinSpec.tiny();
    private static final ModelOptions OPTIONS = Fixtures.ONE_THREAD;
    private final DjlIdiomaticBackend backend = new DjlIdiomaticBackend();

    @BeforeAll
    static void cpuRun() {
        TestDevice.assumeCpuRun();
    }

    /**
     * d2l-java's net: a nin block (a SequentialBlock of three Conv2d, each followed by a ReLU), a pool, and so on;
     * the dropout block holds DJL's Dropout; then the global pool and the flatten.
     */
    @Test
    void theNetIsD2lJavasSequentialBlockOfBlocks() {
        try (Model model = backend.open(TINY, XavierInit.init(TINY, 1), OPTIONS)) {
            List<Block> net = ((DjlBlockModel) model).block().getChildren().values();
            assertEquals(List.of("SequentialBlock", "LambdaBlock", "SequentialBlock", "LambdaBlock",
                    "SharedMaskDropout", "SequentialBlock", "LambdaBlock", "LambdaBlock"), simpleNames(net));
            List<Block> ninBlock = ((SequentialBlock) net.get(0)).getChildren().values();
            assertEquals(List.of("Conv2d", "LambdaBlock", "Conv2d", "LambdaBlock", "Conv2d", "LambdaBlock"),
                    simpleNames(ninBlock));
            assertEquals(TINY.convolutions().get(0).out().channels(),
                    ((Conv2d) ninBlock.get(0)).getParameters().get("weight").getArray().getShape().get(0));
            assertInstanceOf(Dropout.class, net.get(4).getChildren().values().get(0));
        }
    }

    @Test
    void stepsFreeTheirTensors() {
        NinSpec spec = Fixtures.TINY_16_CLASSES;
        try (Model model = backend.open(spec, XavierInit.init(spec, 1), OPTIONS)) {
            Batch batch = Batch.noise(4, 1);
            int[] step = {1};
            int live = Fixtures.liveArraysStayTheSame(() -> {
                model.trainStep(batch);
                model.trainStep(batch, StepDropout.shared(1, 1, step[0]++));
                model.logits(batch);
            }, ((DjlBlockModel) model)::liveArrays);
            // the parameters, and a handle on each one's gradient that the Trainer's first step() keeps (its check
            // that the gradients are not all zero attaches them to the model's manager); never freed before close()
            assertEquals(2 * spec.parameters().size(), live);
        }
    }

    private static List<String> simpleNames(List<Block> blocks) {
        return blocks.stream().map(b -> b.getClass().getSimpleName()).toList();
    }
}
