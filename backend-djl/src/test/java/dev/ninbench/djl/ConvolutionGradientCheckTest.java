package dev.ninbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.TestDevice;
import dev.ninbench.core.spec.NinOp;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.XavierInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check that keeps {@code djl-idiomatic} from training a net whose NCHW convolutions libtorch computes wrong on
 * the CPU it runs on. Each test says what it expects on Zen 5 CPUs ({@link NchwBackwardFault}), where the fault is
 * known, and elsewhere, where it is not: a CPU where a check comes out otherwise is one to look at.
 */
class ConvolutionGradientCheckTest {
    private static final boolean ZEN5 = NchwBackwardFault.suspectCpu();

    @BeforeAll
    static void cpuRun() {
        TestDevice.assumeCpuRun();
        DjlBackend.startOn(DjlIdiomaticBackend.NAME, Fixtures.ONE_THREAD);
    }

    /** The d2l net at 96 px (the cpu and seeds profiles): its 384 -> 10 convolution sees 1x1, which comes out right. */
    @Test
    void everyConvolutionOfTheD2lNetAt96PxComputesRight() {
        NinSpec spec = NinSpec.d2l(96);
        for (int i = 0; i < spec.convolutions().size(); i++) {
            assertNull(check(spec.convolutions().get(i), 4, i > 0), spec.convolutions().get(i).toString());
        }
    }

    /** At 224 px (the d2l profile) the same convolution sees 5x5: its input gradient is what the fault gets wrong. */
    @Test
    void theLastBlocksFirstConvolutionAt224PxIsWrongOnZen5Only() {
        NinOp.Conv conv = lastBlocksFirst(NinSpec.d2l(224));
        assertEquals(5, conv.in().height());
        String wrong = check(conv, 4, true);
        if (ZEN5) {
            assertNotNull(wrong, "the fault was expected on this CPU");
            assertTrue(wrong.startsWith("input gradient: "), wrong);
        } else {
            assertNull(wrong);
        }
    }

    /** The check is of the step's gradients: the first convolution's input gradient is never computed in training. */
    @Test
    void theFirstConvolutionsInputGradientIsNotJudged() {
        NinOp.Conv first = NinSpec.tiny().convolutions().get(0);
        assertNull(check(first, 4, false));
    }

    /** On Zen 5 the tiny net (16 -> 10 over 2x2) stops before its first step, naming the convolution. */
    @Test
    void aModelStopsBeforeAStepItWouldComputeWrong() {
        NinSpec tiny = NinSpec.tiny().withoutDropout();
        NinWeights init = XavierInit.init(tiny, 5);
        try (Model model = new DjlIdiomaticBackend().open(tiny, init, Fixtures.ONE_THREAD)) {
            Batch batch = Batch.noise(4, 3);
            if (ZEN5) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.trainStep(batch));
                assertTrue(e.getMessage().startsWith("libtorch computes the convolution 5.0 (16 -> 10"
                        + " channels, 3x3 over 2x2, batch 4) wrong on this CPU in NCHW: "), e.getMessage());
                assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
                assertEquals(init, model.weights(), "no step was taken");
            } else {
                assertTrue(Float.isFinite(model.trainStep(batch)));
            }
        }
    }

    /** Cold starts time the first step from the JVM's start: there the check is off, and the record says so. */
    @Test
    void theSelfChecksPropertyTurnsTheCheckOffAndTheRecordSaysSo() {
        assertEquals(ConvolutionGradientCheck.DESCRIPTION, new DjlIdiomaticBackend().info(Fixtures.ONE_THREAD)
                .settings().get(ConvolutionGradientCheck.SETTING));
        System.setProperty(Model.SELF_CHECKS, "off");
        try {
            assertEquals("off (ninbench.selfChecks=off)", new DjlIdiomaticBackend().info(Fixtures.ONE_THREAD)
                    .settings().get(ConvolutionGradientCheck.SETTING));
            NinSpec tiny = NinSpec.tiny().withoutDropout();
            try (Model model = new DjlIdiomaticBackend().open(tiny, XavierInit.init(tiny, 5), Fixtures.ONE_THREAD)) {
                model.trainStep(Batch.noise(4, 3)); // no refusal, whatever the CPU
            }
        } finally {
            System.clearProperty(Model.SELF_CHECKS);
        }
    }

    private static NinOp.Conv lastBlocksFirst(NinSpec spec) {
        return spec.convolutions().stream().filter(c -> c.position() == 0 && c.out().channels() == spec.classes())
                .findFirst().orElseThrow();
    }

    private static String check(NinOp.Conv conv, int batch, boolean inputGradient) {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = engine.newBaseManager()) {
            return ConvolutionGradientCheck.check(engine, manager, conv, batch, inputGradient);
        }
    }
}
