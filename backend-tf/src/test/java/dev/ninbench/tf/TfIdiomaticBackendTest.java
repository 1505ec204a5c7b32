package dev.ninbench.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.SettingKeys;
import org.junit.jupiter.api.Test;

/**
 * Everything {@link TfBackendTest} checks (the contract, the d2l net's step at 1e-5, dropout, the GPU refusal, every
 * update waiting for every gradient), on the idiomatic variant: tensorflow-framework's loss and GradientDescent.
 */
class TfIdiomaticBackendTest extends TfBackendTest {
    @Override
    protected Backend backend() {
        return new TfIdiomaticBackend();
    }

    @Override
    NinGraph.Training training() {
        return NinGraph.Training.FRAMEWORK;
    }

    @Test
    void infoIsTheTfEnginesWithThePathsLabel() {
        ModelOptions options = new ModelOptions(0.1, 7, 1, Device.CPU);
        BackendInfo info = backend().info(options);
        BackendInfo tuned = new TfBackend().info(options);
        assertEquals("tf-idiomatic", info.name());
        assertEquals(tuned.engine(), info.engine());
        assertEquals(TfIdiomaticBackend.MODEL, info.settings().get(SettingKeys.MODEL));
        assertEquals(TfBackend.MODEL, tuned.settings().get(SettingKeys.MODEL));
        // everything else is the engine's and the same on both paths
        for (String key : tuned.settings().keySet()) {
            if (!key.equals(SettingKeys.MODEL)) {
                assertEquals(tuned.settings().get(key), info.settings().get(key), key);
            }
        }
    }
}
