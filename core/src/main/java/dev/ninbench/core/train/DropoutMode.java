package dev.ninbench.core.train;

import dev.ninbench.core.dropout.DropoutMasks;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Which dropout masks a training run uses; every record carries it (in its config). */
public enum DropoutMode {
    /** The suite's masks ({@link DropoutMasks}): the same on every engine and in PyTorch. The default. */
    @JsonProperty("shared")
    SHARED,
    /** Each engine's own generator, seeded per epoch from the run's seed, as its users' code would draw them. */
    @JsonProperty("engine")
    ENGINE;

    /** The name used on the command line and in records. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static DropoutMode parse(String s) {
        for (DropoutMode m : values()) {
            if (m.label().equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown dropout '" + s + "'; expected shared or engine");
    }
}
