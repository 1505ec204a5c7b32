package dev.ninbench.core.train;

/**
 * The hyper-parameters of one training run, the same for every engine in it.
 *
 * @param epochs       passes over the (possibly limited) training set
 * @param batchSize    images per SGD step
 * @param learningRate plain SGD step size
 * @param seed         seeds the initial weights, the batch order and the dropout masks
 * @param trainLimit   use only the first N training images (0 = all)
 * @param testLimit    evaluate on only the first N test images (0 = all)
 * @param dropout      whose dropout masks: the suite's shared ones, or each engine's own; records written before
 *                     shared masks existed have none, and read back as {@link DropoutMode#ENGINE}, which they used
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, long seed, int trainLimit, int testLimit,
                          DropoutMode dropout) {
    /** A run with the shared dropout masks, the default. */
    public TrainConfig(int epochs, int batchSize, double learningRate, long seed, int trainLimit, int testLimit) {
        this(epochs, batchSize, learningRate, seed, trainLimit, testLimit, DropoutMode.SHARED);
    }

    public TrainConfig {
        dropout = dropout == null ? DropoutMode.ENGINE : dropout;
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("train/test limits must be >= 0 (0 = all), got "
                    + trainLimit + " and " + testLimit);
        }
    }

    /** This config with another seed (for {@code train --seeds}). */
    public TrainConfig withSeed(long otherSeed) {
        return new TrainConfig(epochs, batchSize, learningRate, otherSeed, trainLimit, testLimit, dropout);
    }
}
