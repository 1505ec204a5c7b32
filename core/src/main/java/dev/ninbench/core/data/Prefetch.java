package dev.ninbench.core.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Batches built ahead on a thread of their own, so the next batch is ready when the engine finishes a step: on a GPU
 * the device never waits for the host to gather and scale pixels. The order is the source's, so prefetching changes
 * no result. An exception of the source is rethrown by the {@link #next()} that would have returned its batch.
 * {@link #close()} stops the thread, e.g. when training stops early.
 */
public final class Prefetch implements Iterator<Batch>, AutoCloseable {
    /** How many batches are built ahead: enough to hide one slow build, without holding much memory. */
    public static final int DEPTH = 2;

    private static final Object END = new Object();

    private record Failure(RuntimeException exception) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread worker;
    private Object head;

    public Prefetch(Iterator<Batch> source) {
        worker = new Thread(() -> fill(source), "nin-bench-prefetch");
        worker.setDaemon(true); // never keeps a finished JVM alive
        worker.start();
    }

    private void fill(Iterator<Batch> source) {
        try {
            try {
                while (source.hasNext()) {
                    queue.put(source.next());
                }
                queue.put(END);
            } catch (RuntimeException e) {
                queue.put(new Failure(e));
            }
        } catch (InterruptedException e) {
            // closed by the consumer: stop building
        }
    }

    @Override
    public boolean hasNext() {
        if (head == null) {
            try {
                head = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the next batch", e);
            }
        }
        if (head instanceof Failure f) {
            head = END;
            throw f.exception();
        }
        return head != END;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches");
        }
        Batch batch = (Batch) head;
        head = null;
        return batch;
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
