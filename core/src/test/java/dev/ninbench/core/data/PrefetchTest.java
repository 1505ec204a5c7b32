package dev.ninbench.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrefetchTest {
    private static Dataset data(int n) {
        byte[] pixels = new byte[n * Batch.PIXELS];
        byte[] labels = new byte[n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + 7);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        return new Dataset("t", pixels, labels, 28, 28);
    }

    @Test
    void givesTheSourcesBatchesInOrderThenEnds() {
        Epochs epochs = new Epochs(data(100), 16, 5);
        List<Batch> want = new ArrayList<>();
        epochs.epoch(3).forEachRemaining(want::add);
        try (Prefetch p = new Prefetch(epochs.epoch(3))) {
            for (Batch w : want) {
                assertTrue(p.hasNext());
                Batch got = p.next();
                assertArrayEquals(w.labels(), got.labels());
                assertArrayEquals(w.images(), got.images());
            }
            assertFalse(p.hasNext());
            assertThrows(NoSuchElementException.class, p::next);
        }
        assertEquals(7, want.size()); // 6 full batches of 16 and one of 4
    }

    @Test
    void aFailureOfTheSourceReachesTheConsumerAfterTheBatchesBeforeIt() {
        IllegalStateException boom = new IllegalStateException("corrupt batch");
        Batch one = new Batch(1, new float[Batch.PIXELS], new int[] {3});
        Iterator<Batch> source = new Iterator<>() {
            private int calls;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                if (calls++ == 1) {
                    throw boom;
                }
                return one;
            }
        };
        try (Prefetch p = new Prefetch(source)) {
            assertSame(one, p.next());
            assertSame(boom, assertThrows(IllegalStateException.class, p::next));
            assertFalse(p.hasNext());
        }
    }

    @Test
    void buildsOnlyAFewBatchesAheadAndStopsWhenClosed() throws Exception {
        AtomicInteger built = new AtomicInteger();
        Iterator<Batch> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                built.incrementAndGet();
                return new Batch(1, new float[Batch.PIXELS], new int[] {0});
            }
        };
        Prefetch p = new Prefetch(endless);
        p.next();
        Thread.sleep(200);
        // one taken, DEPTH queued, and at most one more built and waiting to be queued
        assertTrue(built.get() <= Prefetch.DEPTH + 2, "built " + built.get());
        p.close();
        Thread.sleep(200);
        int afterClose = built.get();
        Thread.sleep(200);
        assertEquals(afterClose, built.get());
    }
}
