package dev.ninbench.dl4j;

import dev.ninbench.core.spec.NinOp;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
     *       backward time): its weight gradient is the image's patches, copied out by strided views, and one
     *       matmul;</li>
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
                weightGradientByPatches(in, gradWeight, kernel, stride, padding);
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
         * matmul of the patches, {@code [k*k, n*oh*ow]}, by gradOut's rows, {@code [n*oh*ow, out]}, then a transpose
         * into the gradient. The patches are copied straight from the image, viewed as blocks of stride x stride
         * pixels ({@code [n, bh, s, bw, s]}): tap (ky, kx) = (qh*s + rh, qw*s + rw) of output pixel (y, x) is pixel
         * (rh, rw) of block (y + qh, x + qw), so each block offset (qh, qw) is one strided copy of every image's
         * patches at once ({@code ceil(k/s)^2} copies: 9 for 11x11 stride 4). The image is copied into a zero-padded
         * buffer first only when it has padding or is not whole blocks (e.g. side 67 at stride 4). The product is
         * asked for untransposed and transposed after: libnd4j's matmul with its transpose-z flag is several times
         * slower (what each part costs: results/performance/README.md, Deeplearning4j). One input channel only (the
         * net's input).
         */
        private void weightGradientByPatches(INDArray in, INDArray gradWeight, int kernel, int stride, int padding) {
            if (in.size(3) != 1) {
                throw new IllegalArgumentException("the first layer's weight gradient takes 1 input channel, got "
                        + in.size(3));
            }
            long n = in.size(0);
            long oh = out.size(1);
            long ow = out.size(2);
            long channels = out.size(3);
            long spans = (kernel + stride - 1) / stride; // blocks a kernel row covers
            long bh = oh - 1 + spans;
            long bw = ow - 1 + spans;
            INDArray image = in.reshape('c', n, in.size(1), in.size(2));
            INDArray padded = image;
            if (padding != 0 || in.size(1) != bh * stride || in.size(2) != bw * stride) {
                padded = own(Nd4j.zeros(DataType.FLOAT, n, bh * stride, bw * stride));
                // rows past bh * stride are never in a patch
                long h = Math.min(in.size(1), bh * stride - padding);
                long w = Math.min(in.size(2), bw * stride - padding);
                INDArray inside = padded.get(all(), span(padding, h), span(padding, w));
                INDArray source = image.get(all(), span(0, h), span(0, w));
                backward.add(() -> inside.assign(source));
            }
            INDArray blocks = padded.reshape('c', n, bh, stride, bw, stride);
            INDArray patches = own(Nd4j.createUninitialized(DataType.FLOAT, kernel, kernel, n, oh, ow));
            for (int qh = 0; qh < spans; qh++) {
                for (int qw = 0; qw < spans; qw++) {
                    long rows = Math.min(stride, kernel - qh * stride);
                    long cols = Math.min(stride, kernel - qw * stride);
                    INDArray taps = blocks.get(all(), span(qh, oh), span(0, rows), span(qw, ow), span(0, cols))
                            .permute(2, 4, 0, 1, 3);
                    INDArray into = patches.get(span(qh * stride, rows), span(qw * stride, cols), all(), all(), all());
                    backward.add(() -> into.assign(taps));
                }
            }
            long patch = (long) kernel * kernel;
            INDArray byPatch = own(Nd4j.createUninitialized(DataType.FLOAT, patch, channels));
            // matmul's integer arguments: transpose x, transpose y, transpose z
            backward.add(op("matmul", arrays(patches.reshape('c', patch, n * oh * ow),
                    gradOut.reshape('c', n * oh * ow, channels)), arrays(byPatch), ints(0, 0, 0))::run);
            INDArray gradRows = gradWeight.reshape('c', channels, patch);
            INDArray byChannel = byPatch.transpose();
            backward.add(() -> gradRows.assign(byChannel));
        }

        /** A new one each time: the index NDArrayIndex.all() gives takes on the size of the dimension it is applied to. */
        private static INDArrayIndex all() {
            return NDArrayIndex.all();
        }

        private static INDArrayIndex span(long from, long count) {
            return NDArrayIndex.interval(from, from + count);
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
