package dev.ninbench.core.engine;

import dev.ninbench.core.spec.NinOp;
import dev.ninbench.core.spec.Shape;
import dev.ninbench.core.dropout.DropoutMasks;

/**
 * Where one training step's dropout masks come from: the engine's own generator ({@link #ENGINE}, seeded by
 * {@link Model#reseed}), or the suite's shared masks ({@link Shared}), the same on every engine and in PyTorch.
 */
public sealed interface StepDropout {
    /** The engine draws its own masks, as its users' code would. */
    StepDropout ENGINE = new Engine();

    static Shared shared(long runSeed, int epoch, int step) {
        return new Shared(runSeed, epoch, step);
    }

    /** The engine's own dropout. */
    record Engine() implements StepDropout {
    }

    /**
     * The masks of {@link DropoutMasks} for step {@code step} (1-based) of epoch {@code epoch} (1-based) of a run
     * seeded {@code runSeed}. An engine multiplies the dropout layer's input by {@link #mask} in training and its
     * gradient by the same mask in backward.
     */
    record Shared(long runSeed, int epoch, int step) implements StepDropout {
        /** The mask of {@code dropout} for a batch of {@code n}, NCHW. */
        public float[] mask(NinOp.Dropout dropout, int n) {
            return DropoutMasks.mask(runSeed, epoch, step, dropout.layer(), dropout.p(),
                    Math.toIntExact(n * dropout.out().elements()));
        }

        /** The same mask in NHWC order, for channels-last engines. */
        public float[] maskNhwc(NinOp.Dropout dropout, int n) {
            Shape s = dropout.out();
            return DropoutMasks.maskNhwc(runSeed, epoch, step, dropout.layer(), dropout.p(), n, s.channels(),
                    s.height(), s.width());
        }
    }
}
