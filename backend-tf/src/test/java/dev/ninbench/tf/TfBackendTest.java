package dev.ninbench.tf;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendContract;

/** The contract every engine passes, against PyTorch's fixtures. */
class TfBackendTest extends BackendContract {
    @Override
    protected Backend backend() {
        return new TfBackend();
    }
}
