package dev.ninbench.core.train;

/**
 * The hyper-parameters of one training run, the same for every engine in it.
 *
 * @param epochs       passes over the (possibly limited) training set
 * @param batchSize    images per SGD step
 * @param learningRate plain SGD step size
 * @param seed         seeds the initial weights, the batch order and the engines' dropout
 * @param trainLimit   use only the first N training images (0 = all)
 * @param testLimit    evaluate on only the first N test images (0 = all)
 */
public record TrainConfig(int epochs, int batchSize, double learningRate, long seed, int trainLimit, int testLimit) {
    public TrainConfig {
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
}
