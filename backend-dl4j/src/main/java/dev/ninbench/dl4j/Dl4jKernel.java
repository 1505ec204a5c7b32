package dev.ninbench.dl4j;

import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Kernel} as one libnd4j op on preallocated arrays: {@code matmul} (what {@code Nd4j.gemm} runs) or
 * {@code conv2d} (NCHW, OIHW weights, explicit padding, no bias; oneDNN in the {@code onednn-avx512} build, see
 * ../shared/REFERENCE.md). The op is built once and executed again and again into the same output, so a run is
 * the op itself and not the building of an op context around it. libnd4j's CPU ops are done when {@code exec}
 * returns; {@code commit} waits for the CUDA backend's stream.
 */
final class Dl4jKernel implements KernelRun {
    private final INDArray output;
    private final CustomOp op;

    Dl4jKernel(Kernel kernel, long seed) {
        float[][] inputs = kernel.inputs(seed);
        int[][] shapes = kernel.inputShapes();
        INDArray a = Nd4j.create(inputs[0], longs(shapes[0]), 'c');
        INDArray b = Nd4j.create(inputs[1], longs(shapes[1]), 'c');
        this.output = Nd4j.create(DataType.FLOAT, longs(kernel.outputShape()), 'c');
        if (kernel.kind() == Kernel.Kind.SGEMM) {
            this.op = new Mmul(a, b, output, 1.0, 0.0, MMulTranspose.allFalse());
        } else {
            int w = kernel.window();
            this.op = new Conv2D(a, b, null, output, Conv2DConfig.builder().kH(w).kW(w).sH(1).sW(1)
                    .pH(kernel.padding()).pW(kernel.padding()).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                    .dataFormat("NCHW").weightsFormat(WeightsFormat.OIYX).build());
        }
    }

    @Override
    public void run() {
        Nd4j.exec(op);
        Nd4j.getExecutioner().commit();
    }

    @Override
    public float[] output() {
        return output.dup('c').data().asFloat();
    }

    @Override
    public void close() {
        // the arrays are freed with the GC (ND4J's workspaces are not used here)
    }

    private static long[] longs(int[] shape) {
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[i];
        }
        return out;
    }
}
