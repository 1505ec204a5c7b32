package dev.ninbench.core.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One large dense fp32 operation that the {@code peak} benchmark runs through an engine's own ops, to measure the best
 * rate that engine reaches on this machine (docs/engine-facts.md, "Hardware ceiling"): a square matrix product, or a
 * convolution at stride 1 with "same" padding ({@code window / 2}), no bias. The FLOP count is computed here, once for
 * every engine (a multiply-add counts 2), so no engine can count its own work differently.
 *
 * <p>Layouts of {@link #inputs} and of a {@link KernelRun#output}: row-major; {@code sgemm} takes {@code A, B}
 * ({@code [size, size]} each) and gives {@code C = A B}; a convolution takes {@code x} NCHW
 * {@code [batch, inChannels, size, size]} and {@code w} OIHW {@code [outChannels, inChannels, window, window]}
 * (PyTorch's layouts) and gives NCHW {@code [batch, outChannels, size, size]}. Engines convert to their own layouts.
 *
 * @param size   the matrices' side ({@code sgemm}), or the images' side (convolutions)
 * @param window the convolution's kernel side (odd); 0 for {@code sgemm}, as are batch and channels
 */
@JsonIgnoreProperties(value = {"name", "flops"}, allowGetters = true) // derived: written for readers, recomputed
public record Kernel(Kind kind, int size, int batch, int inChannels, int outChannels, int window) {
    public enum Kind { SGEMM, CONV }

    /** A plain sgemm: REFERENCE.md shows it is not the ceiling where BLAS picks narrow kernels, hence the convs too. */
    public static final Kernel SGEMM = sgemm(2048);
    /** A 3x3 convolution of NiN's size class (its third block is 3x3 over 256 channels), batch 64. */
    public static final Kernel CONV3X3 = conv(3, 64, 256, 256, 10);
    /** NiN's second block at 96 px (5x5, 96 -> 256 channels, 10x10, batch 64): oneDNN's best case in REFERENCE.md. */
    public static final Kernel CONV5X5 = conv(5, 64, 96, 256, 10);
    /** What {@code nin-bench throughput} measures. */
    public static final List<Kernel> PUBLISHED = List.of(SGEMM, CONV3X3, CONV5X5);

    public Kernel {
        if (kind == null || size < 1) {
            throw new IllegalArgumentException("a kernel needs a kind and a size >= 1, got " + kind + ", " + size);
        }
        boolean conv = kind == Kind.CONV;
        if (conv && (batch < 1 || inChannels < 1 || outChannels < 1 || window < 1 || window % 2 == 0)
                || !conv && (batch | inChannels | outChannels | window) != 0) {
            throw new IllegalArgumentException("bad " + kind + " dimensions: batch " + batch + ", channels "
                    + inChannels + " -> " + outChannels + ", window " + window + " (odd, for a convolution)");
        }
    }

    public static Kernel sgemm(int n) {
        return new Kernel(Kind.SGEMM, n, 0, 0, 0, 0);
    }

    public static Kernel conv(int window, int batch, int inChannels, int outChannels, int side) {
        return new Kernel(Kind.CONV, side, batch, inChannels, outChannels, window);
    }

    /** The published kernel called {@code name}, or an error listing them. */
    public static Kernel named(String name) {
        return PUBLISHED.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown kernel '" + name + "'; known: "
                        + PUBLISHED.stream().map(Kernel::name).toList()));
    }

    /** {@code sgemm} or {@code conv3x3}, {@code conv5x5}, ... */
    @JsonProperty
    public String name() {
        return kind == Kind.SGEMM ? "sgemm" : "conv" + window + "x" + window;
    }

    /** {@code 2 n^3} for sgemm; {@code 2 x batch x out x size^2 x in x window^2} for a convolution (output = input side). */
    @JsonProperty
    public long flops() {
        long n = size;
        return kind == Kind.SGEMM ? 2 * n * n * n
                : 2L * batch * outChannels * n * n * inChannels * window * window;
    }

    /** The convolution's padding on every side, so that the output keeps the input's side. */
    public int padding() {
        return window / 2;
    }

    /** "sgemm n=2048" or "conv5x5 batch 64, 96->256 ch, 10x10". */
    public String describe() {
        return kind == Kind.SGEMM ? "sgemm n=" + size
                : name() + " batch " + batch + ", " + inChannels + "->" + outChannels + " ch, " + size + "x" + size;
    }

    /** Shapes of the two inputs and of the output, in the layouts above. */
    public int[][] inputShapes() {
        return kind == Kind.SGEMM ? new int[][] {{size, size}, {size, size}}
                : new int[][] {{batch, inChannels, size, size}, {outChannels, inChannels, window, window}};
    }

    public int[] outputShape() {
        return kind == Kind.SGEMM ? new int[] {size, size} : new int[] {batch, outChannels, size, size};
    }

    /** The two inputs, uniform in [-1, 1) from {@code seed}: the same numbers for every engine. */
    public float[][] inputs(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] shapes = inputShapes();
        float[][] inputs = new float[2][];
        for (int i = 0; i < 2; i++) {
            long count = 1;
            for (int d : shapes[i]) {
                count *= d;
            }
            inputs[i] = new float[Math.toIntExact(count)];
            for (int j = 0; j < inputs[i].length; j++) {
                inputs[i][j] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        return inputs;
    }
}
