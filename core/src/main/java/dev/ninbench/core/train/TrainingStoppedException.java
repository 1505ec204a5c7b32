package dev.ninbench.core.train;

/**
 * Training stopped between two steps because a {@link StopRequest} asked for it; the epochs before {@link #epoch()}
 * are finished and recorded.
 */
public final class TrainingStoppedException extends RuntimeException {
    private final int epoch;

    public TrainingStoppedException(String signal, int epoch, int step, int steps) {
        super("interrupted by " + signal + " in epoch " + epoch + " (after step " + step + " of " + steps + ")"
                + (epoch > 2 ? "; epochs 1-" + (epoch - 1) + " are kept" : epoch == 2 ? "; epoch 1 is kept"
                : "; no epoch had finished"));
        this.epoch = epoch;
    }

    /** The epoch that was cut off. */
    public int epoch() {
        return epoch;
    }
}
