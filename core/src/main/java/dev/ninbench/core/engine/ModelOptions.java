package dev.ninbench.core.engine;

/**
 * How an engine runs a model.
 *
 * @param learningRate plain SGD step size (no momentum, no weight decay)
 * @param seed         seeds the engine's own randomness (dropout masks)
 * @param threads      compute threads; 0 means all cores
 * @param device       where to compute; an engine that cannot use it refuses ({@link UnsupportedDeviceException})
 */
public record ModelOptions(double learningRate, long seed, int threads, Device device) {
    public ModelOptions {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
        device = device == null ? Device.CPU : device;
    }

    public static ModelOptions defaults() {
        return new ModelOptions(0.1, 42, 0, Device.CPU);
    }

    /** The thread count to use: {@code threads}, or every core when it is 0. */
    public int effectiveThreads() {
        return effectiveThreads(threads);
    }

    /**
     * The one place "0 = all cores" is resolved, for every engine JVM, PyTorch's process and the cold start: the
     * cores this JVM sees when {@code threads} is 0, else {@code threads}.
     */
    public static int effectiveThreads(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
