package dev.ninbench.core.dropout;

/**
 * The suite's own dropout masks: a pure function of (run seed, epoch, step, layer, element), so that every engine
 * and PyTorch multiply the same activations by the same mask in the same training step, and an accuracy curve shows
 * differences between engines, not between random draws. No engine's generator is involved. docs/dropout-masks.md
 * writes the function down for other languages; bench's {@code nin_reference.py} implements it with numpy.
 *
 * <p>With SplitMix64's finaliser {@code mix(z)} ({@code z ^= z >>> 30; z *= 0xBF58476D1CE4E5B9L; z ^= z >>> 27;
 * z *= 0x94D049BB133111EBL; z ^= z >>> 31}, all modulo 2^64):
 * <pre>
 *   key     = mix(mix(mix(mix(runSeed ^ STREAM) ^ epoch) ^ step) ^ layer)
 *   bits(i) = mix(key + (i + 1) * 0x9E3779B97F4A7C15L)          (SplitMix64's (i+1)-th output from key)
 *   keep(i) = (bits(i) >>> 40) >= floor(p * 2^24)
 *   mask(i) = keep(i) ? (float) (1 / (1 - p)) : 0
 * </pre>
 * where {@code epoch} (1-based), {@code step} (1-based within the epoch) and {@code layer} (the dropout layer's index
 * in the spec's layers, which is also its index in the d2l {@code nn.Sequential}) enter as unsigned 64-bit integers,
 * and {@code i} runs over the layer's input of the whole batch in PyTorch's NCHW order ({@code ((n * C + c) * H + h)
 * * W + w}). An engine in another layout reorders the values, not the draw.
 */
public final class DropoutMasks {
    /** "nin-drop" in ASCII: keeps the mask stream apart from the batch order, which is also seeded by the run seed. */
    public static final long STREAM = 0x6E696E2D64726F70L;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private DropoutMasks() {
    }

    /** SplitMix64's finaliser (Stafford's variant 13), a bijection on 64-bit values. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The key of one step's mask for one layer. */
    public static long key(long runSeed, int epoch, int step, int layer) {
        if (epoch < 1 || step < 1 || layer < 0) {
            throw new IllegalArgumentException("epoch and step are 1-based and layer >= 0, got epoch " + epoch
                    + ", step " + step + ", layer " + layer);
        }
        return mix(mix(mix(mix(runSeed ^ STREAM) ^ epoch) ^ step) ^ layer);
    }

    /** The value a kept element is multiplied by: {@code 1 / (1 - p)} rounded to float (2 for d2l's p = 0.5). */
    public static float keptScale(double p) {
        checkP(p);
        return (float) (1 / (1 - p));
    }

    /**
     * The mask of {@code elements} values (the layer's whole input for the batch, NCHW order): each 0 or
     * {@link #keptScale}.
     */
    public static float[] mask(long runSeed, int epoch, int step, int layer, double p, int elements) {
        checkP(p);
        long key = key(runSeed, epoch, step, layer);
        long threshold = (long) Math.floor(p * (1 << 24));
        float kept = keptScale(p);
        float[] mask = new float[elements];
        long state = key;
        for (int i = 0; i < elements; i++) {
            state += GOLDEN_GAMMA;
            mask[i] = (mix(state) >>> 40) >= threshold ? kept : 0f;
        }
        return mask;
    }

    /**
     * The same mask reordered from NCHW to NHWC ({@code [n, h, w, c]}), for engines that compute channels-last:
     * element (n, c, h, w) keeps the draw it has in {@link #mask}.
     */
    public static float[] maskNhwc(long runSeed, int epoch, int step, int layer, double p, int n, int c, int h, int w) {
        float[] nchw = mask(runSeed, epoch, step, layer, p, Math.multiplyExact(Math.multiplyExact(n, c), h * w));
        if (h * w == 1) {
            return nchw; // one pixel per channel: both orders are the same
        }
        float[] nhwc = new float[nchw.length];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        nhwc[((b * h + y) * w + x) * c + ch] = nchw[((b * c + ch) * h + y) * w + x];
                    }
                }
            }
        }
        return nhwc;
    }

    private static void checkP(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
    }
}
