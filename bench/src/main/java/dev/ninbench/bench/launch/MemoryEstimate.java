package dev.ninbench.bench.launch;

import dev.ninbench.core.spec.NinSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Whether a training run can fit in this machine's memory, judged before any engine starts: an input side of 5000
 * makes every engine die, each in its own way (a native abort, an out-of-memory kill), after minutes. The estimate
 * is the float32 activations of one batch ({@link NinSpec#activationElementsPerImage}) three times over (the
 * activations, their gradients, and as much again for the engine's work space and copies: an allowance, not a
 * measurement), plus the weights, their gradients and a copy. It errs low on purpose: only a run that surely cannot
 * fit is refused.
 */
public final class MemoryEstimate {
    private static final long FLOAT = Float.BYTES;

    private MemoryEstimate() {
    }

    /** Bytes one engine needs for a training step of {@code batchSize} images. */
    public static long trainingBytes(NinSpec spec, int batchSize) {
        return 3 * FLOAT * (batchSize * spec.activationElementsPerImage() + spec.parameterCount());
    }

    /** Refuses in one line a run whose estimate exceeds the memory available here (Linux's MemAvailable). */
    public static void check(NinSpec spec, int batchSize) {
        OptionalLong available = available();
        long need = trainingBytes(spec, batchSize);
        if (available.isPresent() && need > available.getAsLong()) {
            throw new IllegalArgumentException(String.format("%s at batch %d needs about %.1f GiB for a training "
                    + "step (%,d activation values per image, x3 for gradients and work space), more than the %.1f GiB "
                    + "available here; use a smaller --input-side or --batch-size", spec, batchSize,
                    need / (double) (1L << 30), spec.activationElementsPerImage(),
                    available.getAsLong() / (double) (1L << 30)));
        }
    }

    /** MemAvailable of /proc/meminfo, when there is one. */
    static OptionalLong available() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or an unreadable /proc: no check
        }
        return OptionalLong.empty();
    }
}
