package dev.ninbench.tf;

import dev.ninbench.core.weights.Tensor;

/**
 * Convolution kernels between PyTorch's layout {@code [out, in, kh, kw]} (OIHW, what {@code NinWeights} holds) and
 * TensorFlow's {@code [kh, kw, in, out]} (HWIO, what {@code Conv2D} takes in NHWC). A pure permutation of the
 * elements, so a round trip gives the same floats bit for bit.
 */
final class KernelLayout {
    private KernelLayout() {
    }

    /** The HWIO shape of an OIHW shape. */
    static long[] hwioShape(int[] oihw) {
        requireRank4(oihw);
        return new long[] {oihw[2], oihw[3], oihw[1], oihw[0]};
    }

    /** PyTorch {@code [out, in, kh, kw]} values to TensorFlow {@code [kh, kw, in, out]} order. */
    static float[] toHwio(Tensor oihw) {
        int[] s = oihw.shape();
        requireRank4(s);
        float[] src = oihw.data();
        float[] dst = new float[src.length];
        permute(src, dst, s[0], s[1], s[2], s[3], true);
        return dst;
    }

    /** TensorFlow {@code [kh, kw, in, out]} values back to a PyTorch tensor of shape {@code oihwShape}. */
    static Tensor toOihw(float[] hwio, int[] oihwShape) {
        requireRank4(oihwShape);
        float[] dst = new float[hwio.length];
        permute(hwio, dst, oihwShape[0], oihwShape[1], oihwShape[2], oihwShape[3], false);
        return new Tensor(oihwShape, dst);
    }

    /** One loop for both directions, so the two index formulas cannot drift apart. */
    private static void permute(float[] src, float[] dst, int out, int in, int kh, int kw, boolean oihwToHwio) {
        if (src.length != (long) out * in * kh * kw) {
            throw new IllegalArgumentException("kernel of " + src.length + " values does not fit "
                    + out + "x" + in + "x" + kh + "x" + kw);
        }
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        int oihw = ((o * in + i) * kh + y) * kw + x;
                        int hwio = ((y * kw + x) * in + i) * out + o;
                        if (oihwToHwio) {
                            dst[hwio] = src[oihw];
                        } else {
                            dst[oihw] = src[hwio];
                        }
                    }
                }
            }
        }
    }

    private static void requireRank4(int[] shape) {
        if (shape.length != 4) {
            throw new IllegalArgumentException("a conv kernel has 4 dimensions, got " + shape.length);
        }
    }
}
