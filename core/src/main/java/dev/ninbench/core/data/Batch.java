package dev.ninbench.core.data;

/**
 * A batch as every engine receives it: {@code size} images, float NCHW {@code [size, 1, 28, 28]} in [0, 1],
 * row-major, and their labels 0..9. Engines wrap {@code images} directly (no per-element copy in Java).
 */
public record Batch(int size, float[] images, int[] labels) {
    public static final int PIXELS = 28 * 28;

    public Batch {
        if (size <= 0 || images.length != size * PIXELS || labels.length != size) {
            throw new IllegalArgumentException("batch of " + size + " needs " + size * PIXELS + " pixels and "
                    + size + " labels, got " + images.length + " and " + labels.length);
        }
    }

    /**
     * {@code size} images of uniform noise in [0, 1] with random labels 0..9, the same for the same {@code seed}: for
     * benchmarks and tests whose work does not depend on what the images show.
     */
    public static Batch noise(int size, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] images = new float[size * PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(10);
        }
        return new Batch(size, images, labels);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as a batch of their own (copied). */
    public Batch slice(int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") of a batch of " + size);
        }
        return new Batch(to - from, java.util.Arrays.copyOfRange(images, from * PIXELS, to * PIXELS),
                java.util.Arrays.copyOfRange(labels, from, to));
    }
}
