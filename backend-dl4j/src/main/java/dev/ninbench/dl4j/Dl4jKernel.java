package dev.ninbench.dl4j;

import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Kernel} as one libnd4j op on preallocated arrays, bound once to them ({@link LibNd4jOp}, as the net's
 * layers are): {@code matmul} (what {@code Nd4j.gemm} runs) or {@code conv2d} (NCHW, OIHW weights, explicit padding,
 * no bias; oneDNN in the {@code onednn-avx512} build, see docs/engine-facts.md). libnd4j's CPU ops are done when
 * they return; {@code commit} waits for the CUDA backend's stream.
 */
final class Dl4jKernel implements KernelRun {
    private final INDArray a;
    private final INDArray b;
    private final INDArray output;
    private final LibNd4jOp op;

    Dl4jKernel(Kernel kernel, long seed) {
        float[][] inputs = kernel.inputs(seed);
        int[][] shapes = kernel.inputShapes();
        this.a = Nd4j.create(inputs[0], longs(shapes[0]), 'c');
        this.b = Nd4j.create(inputs[1], longs(shapes[1]), 'c');
        this.output = Nd4j.create(DataType.FLOAT, longs(kernel.outputShape()), 'c');
        INDArray[] in = {a, b};
        INDArray[] out = {output};
        if (kernel.kind() == Kernel.Kind.SGEMM) {
            // transpose x, transpose y, transpose z
            this.op = new LibNd4jOp("matmul", in, out, new long[] {0, 0, 0});
        } else {
            long w = kernel.window();
            long p = kernel.padding();
            // kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0: explicit), data format (0: NCHW), weight format (1: OIHW)
            this.op = new LibNd4jOp("conv2d", in, out, new long[] {w, w, 1, 1, p, p, 1, 1, 0, 0, 1});
        }
    }

    @Override
    public void run() {
        op.run();
        Nd4j.getExecutioner().commit();
    }

    @Override
    public float[] output() {
        return output.dup('c').data().asFloat();
    }

    @Override
    public void close() {
        op.close();
        a.close();
        b.close();
        output.close();
    }

    private static long[] longs(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }
}
