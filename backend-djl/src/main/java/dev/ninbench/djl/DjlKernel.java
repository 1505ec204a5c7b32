package dev.ninbench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.weights.Tensor;

/**
 * A {@link Kernel} on DJL's PyTorch engine: {@code torch.matmul} of two 2-D tensors (libtorch's BLAS sgemm), or
 * {@code torch.conv2d} without bias (oneDNN on the CPU), the same op the models' layers run, in the memory layout of
 * the backend it is timed for ({@link DjlBackend#CHANNELS_LAST}, or NCHW for {@link DjlIdiomaticBackend}). Each
 * {@link #run} reads one value of the result back, which waits for a GPU to finish (on the CPU the op is done when
 * it returns), and frees the result at once.
 */
final class DjlKernel implements KernelRun {
    private static final Shape ONE = new Shape(1, 1);

    private final Kernel kernel;
    private final NDManager manager;
    private final NDArray a;
    private final NDArray b;
    private final Shape padding;

    DjlKernel(Engine engine, Kernel kernel, long seed, ModelOptions options, boolean channelsLast) {
        this.kernel = kernel;
        this.padding = new Shape(kernel.padding(), kernel.padding());
        this.manager = engine.newBaseManager(DjlModel.device(options));
        try {
            float[][] inputs = kernel.inputs(seed);
            int[][] shapes = kernel.inputShapes();
            // the images channels-last too, as the model's activations are when its weights are
            this.a = DjlModel.parameter(manager, new Tensor(shapes[0], inputs[0]), channelsLast);
            this.b = DjlModel.parameter(manager, new Tensor(shapes[1], inputs[1]), channelsLast);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void run() {
        try (NDArray out = compute()) {
            out.getFloat(new long[out.getShape().dimension()]); // one value to the host: the op has finished
        }
    }

    @Override
    public float[] output() {
        try (NDArray out = compute()) {
            return out.toFloatArray();
        }
    }

    /** The op's result, attached to {@link #manager} (libtorch gives results the inputs' manager): close it. */
    private NDArray compute() {
        return kernel.kind() == Kernel.Kind.SGEMM ? a.matMul(b)
                : JniUtils.convolution((PtNDArray) a, (PtNDArray) b, null, ONE, padding, ONE, 1);
    }

    @Override
    public void close() {
        manager.close();
    }
}
