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
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.FixtureGenerator;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Safetensors;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The engine contract on DJL's idiomatic path (blocks and a Trainer), plus what it reports about itself.
 *
 * <p>The path runs in DJL's default layout, NCHW, whose backward libtorch 2.7.1 gets wrong on Zen 5
 * ({@link NchwBackwardFault}): there, and only where a probe step shows it, the contract's checks of the tiny net's
 * training steps are skipped, each saying why. The d2l net's step from trained weights is checked everywhere: its
 * steps come out right and the same on every run on such a CPU too.
 */
class DjlIdiomaticBackendTest extends BackendContract {
    /** The contract's checks that judge a training step of the tiny net: what the fault breaks. */
    private static final Set<String> TINY_STEP_CHECKS = Set.of("oneSgdStepMatchesPyTorch",
            "oneSgdStepWithSharedDropoutMasksMatchesPyTorch", "aModelOpenedFromACheckpointTrainsOnAsTheOriginalDid",
            "sgdStepsOnRealDataReduceTheLoss");
    private static final int PROBE_STEPS = 3;
    /** What the probe found: null where the fault does not show, else why the checks are skipped. */
    private static String fault;
    private static boolean probed;

    @Override
    protected Backend backend() {
        return new DjlIdiomaticBackend();
    }

    @BeforeEach
    void skipTinyStepChecksWhereLibtorchsNchwBackwardIsWrong(TestInfo test) throws IOException {
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
     * On a CPU the fault is known on: {@value #PROBE_STEPS} times, one SGD step of the tiny net (the contract's
     * fixture, no dropout) on this path and on the tuned one, channels-last, which matches PyTorch there; the fault
     * shows when a step's weights differ by more than 1e-5 or hold a NaN (on 2026-11-30's Zen 5, 28 steps in 30).
     */
    private synchronized String fault() throws IOException {
        if (!probed) {
            probed = true;
            fault = DEVICE.isGpu() || !NchwBackwardFault.suspectCpu() ? null : probe();
        }
        return fault;
    }

    private String probe() throws IOException {
        NinSpec spec = FixtureGenerator.fixtureSpec("tiny").withoutDropout();
        NinWeights init = Safetensors.readWeights(FixtureGenerator.fixture("tiny/weights.safetensors"), spec);
        Batch batch = fixtureBatch("tiny");
        ModelOptions options = options(FixtureGenerator.LR);
        NinWeights want;
        try (Model tuned = new DjlModel(DjlBackend.startOn(DjlBackend.NAME, options), spec, init, options, true)) {
            tuned.trainStep(batch);
            want = tuned.weights();
        }
        for (int i = 1; i <= PROBE_STEPS; i++) {
            try (Model model = backend().open(spec, init, options)) {
                model.trainStep(batch);
                String wrong;
                try {
                    double d = model.weights().maxAbsDifference(want);
                    wrong = d <= 1e-5 ? null : "weights up to " + (float) d + " off the channels-last step's";
                } catch (IllegalArgumentException e) { // NinWeights refuses a NaN
                    wrong = e.getMessage();
                }
                if (wrong != null) {
                    return NchwBackwardFault.reason("the tiny net's step, probe " + i + " of " + PROBE_STEPS + ": "
                            + wrong);
                }
            }
        }
        return null;
    }
}
