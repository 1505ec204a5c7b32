package dev.ninbench.core.data;

/**
 * Images and labels held as loaded: uint8 pixels (28x28 each, row-major) and labels 0..9.
 * Kept as bytes (47 MB for the training set) and turned into floats one batch at a time.
 */
public record Dataset(String name, byte[] pixels, byte[] labels, int rows, int cols) {
    public Dataset {
        if (labels.length == 0 || pixels.length != (long) labels.length * rows * cols) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels need "
                    + (long) labels.length * rows * cols + " pixels, got " + pixels.length);
        }
    }

    public int size() {
        return labels.length;
    }

    /** The first {@code n} examples (all of them when {@code n <= 0} or {@code n >= size()}). */
    public Dataset first(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        byte[] p = java.util.Arrays.copyOf(pixels, n * rows * cols);
        byte[] l = java.util.Arrays.copyOf(labels, n);
        return new Dataset(name + "[:" + n + "]", p, l, rows, cols);
    }
}
