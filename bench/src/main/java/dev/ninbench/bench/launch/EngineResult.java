package dev.ninbench.bench.launch;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.train.EpochResult;
import java.util.List;

/**
 * What one engine JVM did: its info (when it got that far), every epoch it finished, and, when it failed,
 * one line saying why. A failed engine keeps the epochs it finished.
 */
public record EngineResult(String engine, BackendInfo info, List<EpochResult> epochs, String failure, int exitStatus) {
    public EngineResult {
        epochs = List.copyOf(epochs);
    }

    public boolean ok() {
        return failure == null;
    }
}
