package dev.ninbench.core.train;

/** The loss stopped being a finite number; the epochs finished before it are kept. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) {
        super(message);
    }
}
