package dev.ninbench.dl4j;

import dev.ninbench.core.spec.NinOp;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One part of the NiN (a convolution with its ReLU, a pool, dropout, the global average pool) as libnd4j ops on
 * arrays allocated once for one batch size, NHWC: oneDNN's forward convolutions here (brgconv) compute channels-last,
 * so NCHW arrays would be reordered in and out of every forward convolution (docs/engine-facts.md, "Deeplearning4j").
 * Its input is the previous stage's output; {@link #backward()} reads {@link #gradOut} (dLoss/dOutput, written by
 * the next stage or the loss) and writes the previous stage's.
 */
abstract sealed class OpStage implements AutoCloseable {
    /** The stage's output activations. */
    final INDArray out;
    /** dLoss/dOut; the next stage's {@link #backward()} writes it. */
    final INDArray gradOut;
    final List<LibNd4jOp> ops = new ArrayList<>();
    final List<INDArray> owned = new ArrayList<>();

    OpStage(long... outShape) {
        out = own(Nd4j.createUninitialized(DataType.FLOAT, outShape));
        gradOut = own(Nd4j.createUninitialized(DataType.FLOAT, outShape));
    }

    abstract void forward(boolean train);

    abstract void backward();

    final INDArray own(INDArray array) {
        owned.add(array);
        return array;
    }

    final LibNd4jOp op(String name, INDArray[] inputs, INDArray[] outputs, long[] intArgs, double... floatArgs) {
        LibNd4jOp op = new LibNd4jOp(name, inputs, outputs, intArgs, floatArgs);
        ops.add(op);
        return op;
    }

    static INDArray[] arrays(INDArray... a) {
        return a;
    }

    static long[] ints(long... a) {
        return a;
    }

    @Override
    public void close() {
        ops.forEach(LibNd4jOp::close);
        owned.forEach(INDArray::close);
    }

    /** libnd4j's pooling arguments: kH, kW, sH, sW, pH, pW, dH, dW, same-mode (0: floor, no padding), extra, NHWC (1). */
    static long[] poolArgs(long kH, long kW, long stride) {
        return ints(kH, kW, stride, stride, 0, 0, 1, 1, 0, 0, 1);
    }

    /**
     * Convolution (weights {@code [out, in, k, k]}, PyTorch's layout: libnd4j's weight format 1) + bias, then ReLU in
     * place. Backward: ReLU's gradient, gradOut times sign(y) (y > 0 exactly where the convolution's result was;
     * libnd4j's relu_bp gives the same, slower), then the convolution's gradients, computed the cheapest way that
     * was measured (docs/engine-facts.md, "Deeplearning4j"):
     * <ul>
     *   <li>a 1x1 convolution is a matrix product over the pixels ({@code [n*h*w, in]} in NHWC): its three gradients
     *       are three matmuls, faster than conv2d_bp, whose oneDNN primitives reorder every array they touch;</li>
     *   <li>the first convolution has no input gradient to give, but conv2d_bp would compute it (most of that layer's
     *       backward time): its weight gradient is im2col, the columns regrouped patch-major, and one matmul;</li>
     *   <li>any other convolution: conv2d_bp.</li>
     * </ul>
     */
    static final class ConvRelu extends OpStage {
        private final LibNd4jOp conv;
        private final LibNd4jOp relu;
        private final INDArray positive;
        private final LibNd4jOp reluBp;
        private final List<Runnable> backward = new ArrayList<>();

        /** @param gradIn where the input gradient goes (the previous stage's {@link #gradOut}); null: nowhere */
        ConvRelu(INDArray in, INDArray gradIn, INDArray weight, INDArray bias, INDArray gradWeight,
                 INDArray gradBias, int kernel, int stride, int padding) {
            super(outShape(in, weight, kernel, stride, padding));
            // kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0: explicit, floor), data format (1: NHWC), weight format
            long[] args = ints(kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 1, 1);
            conv = op("conv2d", arrays(in, weight, bias), arrays(out), args);
            relu = op("relu", arrays(out), arrays(out), ints(), 0.0);
            positive = own(Nd4j.createUninitialized(DataType.FLOAT, out.shape()));
            reluBp = op("multiply", arrays(gradOut, positive), arrays(gradOut), ints());
            long pixels = out.size(0) * out.size(1) * out.size(2);
            INDArray gradOutRows = gradOut.reshape('c', pixels, out.size(3));
            if (gradIn == null) {
                weightGradientByIm2col(in, gradWeight, kernel, stride, padding);
            } else if (kernel == 1 && stride == 1 && padding == 0) {
                INDArray inRows = in.reshape('c', pixels, in.size(3));
                INDArray weightRows = weight.reshape('c', out.size(3), in.size(3));
                // matmul's integer arguments: transpose x, transpose y, transpose z
                backward.add(op("matmul", arrays(gradOutRows, weightRows),
                        arrays(gradIn.reshape('c', pixels, in.size(3))), ints(0, 0, 0))::run);
                backward.add(op("matmul", arrays(gradOutRows, inRows),
                        arrays(gradWeight.reshape('c', out.size(3), in.size(3))), ints(1, 0, 0))::run);
            } else {
                backward.add(op("conv2d_bp", arrays(in, weight, bias, gradOut), arrays(gradIn, gradWeight, gradBias),
                        args)::run);
                return;
            }
            // the bias gradient (gradOut summed over batch and pixels) as ones [1, n*h*w] times gradOut's rows:
            // libnd4j's reduce_sum over the leading dimensions of an NHWC array is much slower than this product
            INDArray ones = own(Nd4j.ones(DataType.FLOAT, 1, pixels));
            backward.add(op("matmul", arrays(ones, gradOutRows), arrays(gradBias.reshape('c', 1, out.size(3))),
                    ints(0, 0, 0))::run);
        }

        /**
         * dW[o, k*k] = the sum over every image and output pixel of gradOut[pixel, o] times that pixel's patch: one
         * matmul of the patches, {@code [k*k, n*oh*ow]}, by gradOut's rows, {@code [n*oh*ow, out]}, its result
         * written transposed. im2col gives the patches per image ({@code [n, k*k, oh*ow]}); regrouping them patch-major
         * is a copy of whole rows. Measured at batch 128, 96 px: 2.5 ms for the copy and 4.3 for the matmul, against
         * 16.6 ms for a batched matmul per image and its sum over the batch (the way before). One input channel only
         * (the net's input): then NHWC is NCHW, which im2col wants.
         */
        private void weightGradientByIm2col(INDArray in, INDArray gradWeight, int kernel, int stride, int padding) {
            if (in.size(3) != 1) {
                throw new IllegalArgumentException("the im2col weight gradient takes 1 input channel, got " + in.size(3));
            }
            long n = in.size(0);
            long pixels = out.size(1) * out.size(2);
            long patch = (long) kernel * kernel;
            long channels = out.size(3);
            INDArray columns = own(Nd4j.createUninitialized(DataType.FLOAT, n, 1, kernel, kernel, out.size(1),
                    out.size(2)));
            INDArray byPatch = own(Nd4j.createUninitialized(DataType.FLOAT, patch, n, pixels));
            INDArray byImage = columns.reshape('c', n, patch, pixels).permute(1, 0, 2);
            // kH, kW, sH, sW, pH, pW, dH, dW, same mode (0)
            backward.add(op("im2col", arrays(in.reshape('c', n, 1, in.size(1), in.size(2))), arrays(columns),
                    ints(kernel, kernel, stride, stride, padding, padding, 1, 1, 0))::run);
            backward.add(() -> byPatch.assign(byImage));
            // matmul's integer arguments: transpose x, transpose y, transpose z
            backward.add(op("matmul", arrays(byPatch.reshape('c', patch, n * pixels),
                    gradOut.reshape('c', n * pixels, channels)), arrays(gradWeight.reshape('c', channels, patch)),
                    ints(0, 0, 1))::run);
        }

        private static long[] outShape(INDArray in, INDArray weight, int k, int s, int p) {
            long h = (in.size(1) + 2L * p - k) / s + 1;
            long w = (in.size(2) + 2L * p - k) / s + 1;
            return new long[] {in.size(0), h, w, weight.size(0)};
        }

        @Override
        void forward(boolean train) {
            conv.run();
            relu.run();
        }

        @Override
        void backward() {
            Nd4j.exec(new Sign(out, positive));
            reluBp.run();
            backward.forEach(Runnable::run);
        }
    }

    /**
     * A pooling op without padding, floor mode (PyTorch's default): max pooling, or the global average pool (an
     * average pool whose window is the whole plane, giving {@code [n, 1, 1, c]}).
     */
    static final class Pool extends OpStage {
        private final LibNd4jOp pool;
        private final LibNd4jOp poolBp;

        private Pool(String op, INDArray in, INDArray gradIn, long kH, long kW, long stride) {
            super(in.size(0), (in.size(1) - kH) / stride + 1, (in.size(2) - kW) / stride + 1, in.size(3));
            long[] args = poolArgs(kH, kW, stride);
            pool = op(op, arrays(in), arrays(out), args);
            poolBp = op(op + "_bp", arrays(in, gradOut), arrays(gradIn), args);
        }

        static Pool max(INDArray in, INDArray gradIn, int kernel, int stride) {
            return new Pool("maxpool2d", in, gradIn, kernel, kernel, stride);
        }

        static Pool globalAverage(INDArray in, INDArray gradIn) {
            return new Pool("avgpool2d", in, gradIn, in.size(1), in.size(2), 1);
        }

        @Override
        void forward(boolean train) {
            pool.run();
        }

        @Override
        void backward() {
            poolBp.run();
        }
    }

    /**
     * Inverted dropout, as PyTorch's: in training each element is kept with probability 1 - p and scaled by
     * 1 / (1 - p); in eval the input passes unchanged. The mask is the one given for the step ({@link #useMask}: the
     * suite's shared masks), or else drawn from ND4J's default generator, which {@code Model.reseed} seeds; backward
     * multiplies the gradient by the same mask.
     */
    static final class Dropout extends OpStage {
        final NinOp.Dropout op;
        private final double p;
        private final INDArray in;
        private final INDArray gradIn;
        private final INDArray mask;
        private boolean maskGiven;

        Dropout(INDArray in, INDArray gradIn, NinOp.Dropout op) {
            super(in.shape());
            this.in = in;
            this.gradIn = gradIn;
            this.op = op;
            this.p = op.p();
            this.mask = own(Nd4j.createUninitialized(DataType.FLOAT, in.shape()));
        }

        /** The next training forward multiplies by {@code values} (this stage's NHWC shape, already scaled). */
        void useMask(float[] values) {
            mask.data().setData(values);
            maskGiven = true;
        }

        @Override
        void forward(boolean train) {
            if (!train) {
                out.assign(in);
                return;
            }
            if (!maskGiven) {
                Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1 - p), Nd4j.getRandom());
                mask.muli(1 / (1 - p));
            }
            maskGiven = false;
            in.mul(mask, out);
        }

        @Override
        void backward() {
            gradOut.mul(mask, gradIn);
        }
    }
}
