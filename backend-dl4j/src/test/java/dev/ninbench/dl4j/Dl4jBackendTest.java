package dev.ninbench.dl4j;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendContract;

/** The engine contract (PyTorch parity of logits and one SGD step, weights round trip, ...) for DL4J. */
class Dl4jBackendTest extends BackendContract {
    @Override
    protected Backend backend() {
        return new Dl4jBackend();
    }
}
