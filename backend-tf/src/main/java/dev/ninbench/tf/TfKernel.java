package dev.ninbench.tf;

import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.weights.Tensor;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A {@link Kernel} as a TensorFlow graph: {@code MatMul}, or an NHWC {@code Conv2D} with HWIO weights and "SAME"
 * padding (at stride 1 and an odd window, {@code window / 2} on every side, as the Kernel says), run in a session
 * configured as {@link TfModel}'s. The inputs are variables, loaded once: as constants, grappler would fold the whole
 * op into a constant at the first run and time nothing. Each {@link #run} is one {@code Session.run} with the op as
 * its target, which returns when the op has been computed and copies nothing back.
 */
final class TfKernel implements KernelRun {
    private final Kernel kernel;
    private final Graph graph;
    private final Session session;
    private final Operand<TFloat32> output;

    TfKernel(Kernel kernel, long seed, ModelOptions options) {
        this.kernel = kernel;
        this.graph = new Graph();
        try {
            Ops tf = Ops.create(graph);
            float[][] inputs = kernel.inputs(seed);
            boolean conv = kernel.kind() == Kernel.Kind.CONV;
            int[][] shapes = kernel.inputShapes();
            float[] first = conv ? nchwToNhwc(inputs[0], shapes[0]) : inputs[0];
            float[] second = conv ? KernelLayout.toHwio(new Tensor(shapes[1], inputs[1])) : inputs[1];
            Shape firstShape = conv ? nhwc(shapes[0]) : Shape.of(kernel.size(), kernel.size());
            Shape secondShape = conv ? Shape.of(KernelLayout.hwioShape(shapes[1])) : firstShape;
            Variable<TFloat32> a = tf.variable(firstShape, TFloat32.class);
            Variable<TFloat32> b = tf.variable(secondShape, TFloat32.class);
            Placeholder<TFloat32> aValue = tf.placeholder(TFloat32.class, Placeholder.shape(firstShape));
            Placeholder<TFloat32> bValue = tf.placeholder(TFloat32.class, Placeholder.shape(secondShape));
            Operand<TFloat32> loadA = tf.assign(a, aValue);
            Operand<TFloat32> loadB = tf.assign(b, bValue);
            this.output = conv ? tf.nn.conv2d(a, b, List.of(1L, 1L, 1L, 1L), "SAME") : tf.linalg.matMul(a, b);
            this.session = new Session(graph, TfModel.sessionConfig(options.effectiveThreads(), options.device()));
            try (TFloat32 aTensor = TFloat32.tensorOf(firstShape, DataBuffers.of(first, true, false));
                 TFloat32 bTensor = TFloat32.tensorOf(secondShape, DataBuffers.of(second, true, false))) {
                session.runner().feed(aValue, aTensor).feed(bValue, bTensor).addTarget(loadA).addTarget(loadB)
                        .run().close();
            }
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    @Override
    public void run() {
        session.runner().addTarget(output).run().close();
    }

    @Override
    public float[] output() {
        try (Result result = session.runner().fetch(output).run()) {
            TFloat32 value = (TFloat32) result.get(0);
            float[] out = new float[Math.toIntExact(value.size())];
            value.copyTo(DataBuffers.of(out, false, false));
            return kernel.kind() == Kernel.Kind.CONV ? nhwcToNchw(out, kernel.outputShape()) : out;
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private static Shape nhwc(int[] nchw) {
        return Shape.of(nchw[0], nchw[2], nchw[3], nchw[1]);
    }

    static float[] nchwToNhwc(float[] src, int[] nchw) {
        return permute(src, nchw, true);
    }

    static float[] nhwcToNchw(float[] src, int[] nchw) {
        return permute(src, nchw, false);
    }

    /** One loop for both directions, so the two index formulas cannot drift apart. */
    private static float[] permute(float[] src, int[] nchw, boolean toNhwc) {
        int n = nchw[0];
        int c = nchw[1];
        int hw = nchw[2] * nchw[3];
        float[] dst = new float[src.length];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < hw; p++) {
                    int planar = (i * c + ch) * hw + p;
                    int interleaved = (i * hw + p) * c + ch;
                    if (toNhwc) {
                        dst[interleaved] = src[planar];
                    } else {
                        dst[planar] = src[interleaved];
                    }
                }
            }
        }
        return dst;
    }
}
