package dev.ninbench.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendContract;
import dev.ninbench.core.engine.BackendInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine contract (PyTorch parity of logits and one SGD step, weights round trip, ...) for DL4J, run with the
 * settings a user gets: the native build picked from the CPU's flags, oneDNN layer helpers on where it has them.
 */
class Dl4jBackendTest extends BackendContract {
    @Override
    protected Backend backend() {
        return new Dl4jBackend();
    }

    @Test
    void infoNamesTheNativeBuildAndTheLayersUseOneDnnExactlyOnTheOneDnnBuild() {
        BackendInfo info = backend().info(options(0.1));
        Map<String, String> settings = info.settings();
        String build = settings.get("native.build");
        assertTrue(info.engine().contains(build.substring(1)), info.engine());
        // the Nd4jCpu bridge must make DL4J find oneDNN on the build that has it (else the layers are ~4x slower)
        assertEquals(build.contains("onednn"), settings.get("layers").startsWith("oneDNN"), settings.toString());
        assertEquals("2", settings.get("threads"), settings.toString());
    }
}
