package dev.ninbench.core.engine;

/**
 * A {@link Kernel} set up on an engine: its inputs ({@link Kernel#inputs}) already on the engine's device, and
 * whatever the engine needs to run the op again and again. Not thread-safe.
 */
public interface KernelRun extends AutoCloseable {
    /**
     * Computes the whole op once, through the engine's own op, and returns only when the result is computed (read
     * back or synchronised), so that a benchmark counts finished work; it copies no more than a value to the host.
     */
    void run();

    /** The result of the last {@link #run} on the host, in {@link Kernel}'s layouts (for checking, not timing). */
    float[] output();

    @Override
    void close();
}
