package dev.ninbench.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

class EpochsTest {
    /** 103 examples whose first pixel is the example's index and whose label is index % 10. */
    private static final Dataset DATA = dataset(103);

    private static Dataset dataset(int n) {
        byte[] pixels = new byte[n * Batch.PIXELS];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            pixels[i * Batch.PIXELS] = (byte) i;
            labels[i] = (byte) (i % 10);
        }
        return new Dataset("test", pixels, labels, 28, 28);
    }

    /** The example indices of an epoch's batches, read back from the first pixel of each image. */
    private static List<int[]> indices(Iterator<Batch> batches) {
        List<int[]> result = new ArrayList<>();
        while (batches.hasNext()) {
            Batch b = batches.next();
            int[] idx = new int[b.size()];
            for (int k = 0; k < b.size(); k++) {
                idx[k] = Math.round(b.images()[k * Batch.PIXELS] * 255f);
                assertEquals(idx[k] % 10, b.labels()[k], "label travels with its image");
            }
            result.add(idx);
        }
        return result;
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void sameSeedGivesSameBatches() {
        List<int[]> a = indices(new Epochs(DATA, 16, 42).epoch(3));
        List<int[]> b = indices(new Epochs(DATA, 16, 42).epoch(3));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "batch " + i);
        }
    }

    @Test
    void differentSeedOrEpochGivesDifferentOrder() {
        Epochs epochs = new Epochs(DATA, 16, 42);
        int[] e0 = epochs.order(0);
        assertFalse(Arrays.equals(e0, epochs.order(1)), "epochs 0 and 1");
        assertFalse(Arrays.equals(e0, new Epochs(DATA, 16, 43).order(0)), "seeds 42 and 43");
        int[] identity = new int[DATA.size()];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(e0, identity), "shuffled at all");
        assertArrayEquals(e0, flat(indices(epochs.epoch(0))), "batches follow order()");
    }

    @Test
    void orderIsPinned() {
        // pins the documented algorithm (second split off SplittableRandom(42), then Fisher-Yates), computed by a
        // separate re-implementation: a change here would change every engine's batches
        int[] order = new Epochs(dataset(10), 4, 42).order(1);
        assertArrayEquals(new int[] {2, 6, 8, 7, 5, 3, 1, 9, 4, 0}, order);
    }

    @Test
    void everyExampleOncePerEpochAndLastPartialBatchKept() {
        Epochs epochs = new Epochs(DATA, 16, 7);
        assertEquals(7, epochs.batchesPerEpoch());
        List<int[]> batches = indices(epochs.epoch(0));
        assertEquals(7, batches.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(16, batches.get(i).length);
        }
        assertEquals(103 - 6 * 16, batches.get(6).length, "last partial batch kept");
        assertEquals(List.of(16, 103 - 6 * 16), epochs.batchSizes());
        int[] all = flat(batches);
        Arrays.sort(all);
        int[] expected = new int[103];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, all);
    }

    @Test
    void exactMultipleHasNoEmptyBatch() {
        Epochs epochs = new Epochs(dataset(32), 16, 1);
        assertEquals(2, epochs.batchesPerEpoch());
        assertEquals(List.of(16), epochs.batchSizes());
        assertEquals(List.of(10), new Epochs(dataset(10), 16, 1).batchSizes(), "one batch, smaller than asked");
        Iterator<Batch> it = epochs.epoch(0);
        it.next();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void inOrderIsUnshuffled() {
        List<int[]> batches = indices(Epochs.inOrder(DATA, 50));
        assertEquals(3, batches.size());
        assertEquals(3, batches.get(2).length);
        int[] expected = new int[103];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, flat(batches));
    }

    @Test
    void pixelConversionIsExact() {
        byte[] pixels = new byte[Batch.PIXELS];
        pixels[0] = (byte) 255;
        pixels[1] = (byte) 0x80;
        pixels[2] = 0;
        pixels[3] = 1;
        Batch b = Epochs.inOrder(new Dataset("px", pixels, new byte[] {4}, 28, 28), 8).next();
        assertEquals(1, b.size());
        assertEquals(1.0f, b.images()[0]);
        assertEquals(128 / 255f, b.images()[1]);
        assertEquals(0.0f, b.images()[2]);
        assertEquals(1 / 255f, b.images()[3]);
        assertEquals(4, b.labels()[0]);
    }

    @Test
    void freshArrayPerBatch() {
        Iterator<Batch> it = Epochs.inOrder(DATA, 10);
        Batch first = it.next();
        float before = first.images()[0];
        it.next();
        assertEquals(before, first.images()[0], "a later batch must not overwrite an earlier one");
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new Epochs(DATA, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Epochs(null, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> Epochs.inOrder(DATA, -1));
        assertThrows(IllegalArgumentException.class, () -> new Epochs(DATA, 4, 1).epoch(-1));
        Dataset small = new Dataset("14x14", new byte[14 * 14], new byte[] {0}, 14, 14);
        assertThrows(IllegalArgumentException.class, () -> new Epochs(small, 4, 1));
    }
}
