package dev.ninbench.core.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic batching: every engine, on every JVM, gets the same batches in the same order for the same seed,
 * so a difference between engines' curves is the engine's, not the shuffle's.
 *
 * <p>Epoch {@code e} visits the examples in a Fisher-Yates shuffle driven by the {@code (e+1)}-th generator split
 * off {@code new SplittableRandom(seed)} (that is, {@code split()} called {@code e+1} times on the root, the last
 * one used). Splitting, rather than seeding with {@code seed + e}, gives each epoch a statistically independent
 * stream. The shuffle runs {@code i} from {@code n-1} down to 1 and swaps {@code i} with {@code nextInt(i + 1)}.
 * The last, partial batch is kept (PyTorch's {@code DataLoader} with {@code drop_last=False}).
 */
public final class Epochs {
    private final Dataset data;
    private final int batchSize;
    private final long seed;

    public Epochs(Dataset data, int batchSize, long seed) {
        checkArguments(data, batchSize);
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public Dataset data() {
        return data;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    public int batchesPerEpoch() {
        return batchCount(data.size(), batchSize);
    }

    /** The sizes an epoch's batches come in: {@code batchSize}, then the last one's where it is partial. */
    public List<Integer> batchSizes() {
        int last = data.size() % batchSize;
        if (data.size() < batchSize) {
            return List.of(data.size());
        }
        return last == 0 ? List.of(batchSize) : List.of(batchSize, last);
    }

    /** The order in which epoch {@code epochIndex} (from 0) visits the examples: a permutation of 0..size-1. */
    public int[] order(int epochIndex) {
        if (epochIndex < 0) {
            throw new IllegalArgumentException("epoch index must be >= 0, got " + epochIndex);
        }
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom epochRandom = random.split();
        for (int e = 0; e < epochIndex; e++) {
            epochRandom = random.split();
        }
        int[] order = identity(data.size());
        for (int i = order.length - 1; i > 0; i--) {
            int j = epochRandom.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** The batches of epoch {@code epochIndex}, built one at a time as the iterator advances. */
    public Iterator<Batch> epoch(int epochIndex) {
        return new Batches(data, order(epochIndex), batchSize);
    }

    /** Unshuffled batches in dataset order, e.g. for evaluation; the last one may be partial. */
    public static Iterator<Batch> inOrder(Dataset data, int batchSize) {
        checkArguments(data, batchSize);
        return new Batches(data, identity(data.size()), batchSize);
    }

    /**
     * The batch of the examples {@code order[from..to)}: pixels become {@code pixel / 255f} in a fresh array (the
     * same float32 values as torchvision's {@code ToTensor}), laid out NCHW with one channel.
     */
    static Batch batch(Dataset data, int[] order, int from, int to) {
        int n = to - from;
        float[] images = new float[n * Batch.PIXELS];
        int[] labels = new int[n];
        byte[] pixels = data.pixels();
        for (int b = 0; b < n; b++) {
            int example = order[from + b];
            int src = example * Batch.PIXELS;
            int dst = b * Batch.PIXELS;
            for (int p = 0; p < Batch.PIXELS; p++) {
                images[dst + p] = (pixels[src + p] & 0xff) / 255f;
            }
            labels[b] = data.labels()[example];
        }
        return new Batch(n, images, labels);
    }

    private static int batchCount(int size, int batchSize) {
        return (size + batchSize - 1) / batchSize;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void checkArguments(Dataset data, int batchSize) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (data.rows() * data.cols() != Batch.PIXELS) {
            throw new IllegalArgumentException(data.name() + ": images of " + data.rows() + "x" + data.cols()
                    + ", batches need " + Batch.PIXELS + " pixels each (28x28)");
        }
    }

    /** Iterates over {@code order} in slices of {@code batchSize}; each batch is built when asked for. */
    private static final class Batches implements Iterator<Batch> {
        private final Dataset data;
        private final int[] order;
        private final int batchSize;
        private int next;

        Batches(Dataset data, int[] order, int batchSize) {
            this.data = data;
            this.order = order;
            this.batchSize = batchSize;
        }

        @Override
        public boolean hasNext() {
            return next < order.length;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch has " + batchCount(order.length, batchSize) + " batches");
            }
            int from = next;
            next = Math.min(order.length, from + batchSize);
            return batch(data, order, from, next);
        }
    }
}
