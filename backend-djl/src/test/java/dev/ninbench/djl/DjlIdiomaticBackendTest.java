package dev.ninbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendContract;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.SettingKeys;
import java.lang.reflect.Method;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The engine contract on DJL's idiomatic path (blocks and a Trainer), plus what it reports about itself.
 *
 * <p>The path runs in DJL's default layout, NCHW, whose backward libtorch 2.7.1 gets wrong on Zen 5
 * ({@link NchwBackwardFault}): on such a CPU the contract's checks of the tiny net's training steps are skipped,
 * each saying why. The d2l net's step from trained weights is checked everywhere: its
 * steps come out right and the same on every run on such a CPU too.
 */
class DjlIdiomaticBackendTest extends BackendContract {
    /**
     * The contract's checks that train the tiny net: what the fault breaks. On such a CPU the path refuses the tiny
     * net's first step ({@link ConvolutionGradientCheck}, whose test checks that refusal).
     */
    private static final Set<String> TINY_STEP_CHECKS = Set.of("oneSgdStepMatchesPyTorch",
            "oneSgdStepWithSharedDropoutMasksMatchesPyTorch", "aModelOpenedFromACheckpointTrainsOnAsTheOriginalDid",
            "sgdStepsOnRealDataReduceTheLoss", "aStepReturnsItsTrainModeLogits");

    @Override
    protected Backend backend() {
        return new DjlIdiomaticBackend();
    }

    @BeforeEach
    void skipTinyStepChecksWhereLibtorchsNchwBackwardIsWrong(TestInfo test) {
        String method = test.getTestMethod().map(Method::getName).orElse("");
        if (TINY_STEP_CHECKS.contains(method)) {
            String why = fault();
            assumeTrue(why == null, why);
        }
    }

    @Test
    void infoIsTheDjlEnginesInDjlsDefaultLayoutWithThePathsLabel() {
        ModelOptions options = new ModelOptions(0.1, 7, 1, Device.CPU);
        BackendInfo info = backend().info(options);
        BackendInfo tuned = new DjlBackend().info(options);
        assertEquals("djl-idiomatic", info.name());
        assertEquals(tuned.engine(), info.engine());
        assertEquals("nchw", info.settings().get(SettingKeys.MEMORY_FORMAT));
        assertEquals(DjlIdiomaticBackend.MODEL, info.settings().get("model"));
        assertEquals(DjlBackend.MODEL, tuned.settings().get("model"));
        // everything else is the engine's and the same on both paths
        for (String key : tuned.settings().keySet()) {
            if (!key.equals(SettingKeys.MEMORY_FORMAT) && !key.equals("model")) {
                assertEquals(tuned.settings().get(key), info.settings().get(key), key);
            }
        }
    }

    /**
     * Why the tiny net's step checks are skipped on a CPU the fault is known on (on every run there: the fault comes
     * and goes from step to step, 28 steps in 30 on 2026-11-30, so a probe that happens to pass proves nothing and
     * a check run after it fails at random), else null.
     */
    private static String fault() {
        return DEVICE.isGpu() || !NchwBackwardFault.suspectCpu() ? null
                : NchwBackwardFault.reason("28 of 30 of the tiny net's steps wrong or NaN on 2026-11-30, at random");
    }
}
