package dev.ninbench.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One libnd4j op ({@code conv2d}, {@code maxpool2d_bp}, ...) bound once to its arrays and integer arguments, then run
 * any number of times. {@code Nd4j.exec(op)} would build (and free) a native op context on every call; a training
 * step runs ~40 ops, so the context is built here once and reused (docs/engine-facts.md, DL4J facts). The arrays
 * are the caller's: every run reads and overwrites the same ones.
 */
final class LibNd4jOp implements AutoCloseable {
    private final String name;
    private final DynamicCustomOp op;
    private final OpContext context;

    LibNd4jOp(String name, INDArray[] inputs, INDArray[] outputs, long[] intArgs, double... floatArgs) {
        this.name = name;
        // with a context, only the op's name (its hash in libnd4j's registry) is used from the op object
        this.op = DynamicCustomOp.builder(name).build();
        this.context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(inputs);
        context.setOutputArrays(outputs);
        context.setIArguments(intArgs);
        if (floatArgs.length > 0) {
            context.setTArguments(floatArgs);
        }
    }

    /** Runs the op; it has finished (on the CPU backend) when this returns. */
    void run() {
        try {
            Nd4j.getExecutioner().exec(op, context);
        } catch (RuntimeException e) {
            throw new IllegalStateException("libnd4j op " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot free the native context of libnd4j op " + name, e);
        }
    }
}
