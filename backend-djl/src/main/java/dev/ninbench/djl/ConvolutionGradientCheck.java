package dev.ninbench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinOp;
import dev.ninbench.core.spec.NinSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Checks, before a batch size first trains, that libtorch computes every convolution of the net right in the layout
 * {@code djl-idiomatic} trains in (NCHW): the output and the gradients a training step uses, on random data of the
 * step's exact shapes, against the same convolution on channels-last tensors, the layout of the tuned {@code djl} path,
 * which matches PyTorch on the CPUs where NCHW does not.
 *
 * <p>Why: on Zen 5 CPUs libtorch 2.7.1 computes the input gradient of some NCHW convolutions wrong, the same way on
 * every run (among the shapes tried, 3x3 and 5x5 kernels with 8 or 10 output channels over inputs of 2x2 to 12x12, at
 * batches of 4 or more: most values off, by up to 0.8 of the largest), and the forward pass and the weight gradients
 * right (docs/engine-facts.md, DJL). Whether a net meets it depends on its shapes: the d2l net at 96 px does not (its
 * 384 -> 10 convolution sees 1x1), at 224 px it does. A step that fails here is never trained: the run says why,
 * rather than train silently wrong.
 *
 * <p>What it cannot catch: over a 1x1 input the same backward reads memory it has not written and multiplies it by 0,
 * so what was left there decides. Finite leftovers (even 1e30) came out right in 120 tries of 120, NaN ones NaN in 8
 * of 120; such a NaN comes and goes with the memory, and in training it ends the run loudly ("training diverged").
 * It is also why the reference is channels-last, not float64: float64 data read as float32 holds NaN patterns, and
 * the check would trip on its own leftovers.
 */
final class ConvolutionGradientCheck {
    /** The engine setting that says whether this check guards a run's training (a value from "off" says it did not). */
    static final String SETTING = "gradient.check";
    static final String DESCRIPTION = "each convolution's output and gradients in NCHW against channels-last, per batch"
            + " size";
    /**
     * Largest difference allowed, as a share of the largest |value| of the channels-last result: two float32 sums of
     * a few thousand terms in different orders differ by ~1e-6 of it; the fault's are 0.1-0.7.
     */
    static final double TOLERANCE = 1e-4;

    private final Engine engine;
    private final NinSpec spec;
    private final Set<Integer> passed = new HashSet<>();

    /**
     * Whether the check runs for a model opened with {@code options}: on the CPU (the fault's), unless
     * {@link Model#SELF_CHECKS} is off.
     */
    static boolean runsOn(ModelOptions options) {
        return setting(options).equals(DESCRIPTION);
    }

    /** The engine setting {@link #SETTING}: what the check compares, or why it is off ("off" first). */
    static String setting(ModelOptions options) {
        if (options.device().isGpu()) {
            return "off (GPU)";
        }
        boolean off = "off".equals(System.getProperty(Model.SELF_CHECKS));
        return off ? "off (" + Model.SELF_CHECKS + "=off)" : DESCRIPTION;
    }

    ConvolutionGradientCheck(Engine engine, NinSpec spec) {
        this.engine = engine;
        this.spec = spec;
    }

    /**
     * Returns when every convolution of the net computes right at {@code batchSize} (checked once per size), else
     * throws {@link IllegalStateException} naming the first one that does not, in one line.
     */
    void require(NDManager manager, int batchSize) {
        if (passed.contains(batchSize)) {
            return;
        }
        List<NinOp.Conv> convolutions = spec.convolutions();
        for (int i = 0; i < convolutions.size(); i++) {
            NinOp.Conv conv = convolutions.get(i);
            String wrong = check(engine, manager, conv, batchSize, i > 0);
            if (wrong != null) {
                throw new IllegalStateException("libtorch computes the convolution "
                        + conv.weight().name().replace(".weight", "") + " (" + conv.in().channels() + " -> "
                        + conv.out().channels() + " channels, " + conv.kernel() + "x" + conv.kernel() + " over "
                        + conv.in().height() + "x" + conv.in().width() + ", batch " + batchSize + ") wrong on this CPU"
                        + " in NCHW: " + wrong + "; this net cannot train on this path here"
                        + " (docs/engine-facts.md, DJL)");
            }
        }
        passed.add(batchSize);
    }

    /**
     * What differs between NCHW and channels-last for one convolution at batch {@code n}, or null. The input
     * gradient is compared only where a step computes it ({@code inputGradient}: not for the first convolution, whose
     * input is the image).
     */
    static String check(Engine engine, NDManager parent, NinOp.Conv conv, int n, boolean inputGradient) {
        Random random = new Random(conv.layer() * 31L + conv.position());
        Shape in = new Shape(n, conv.in().channels(), conv.in().height(), conv.in().width());
        Shape weight = new Shape(conv.out().channels(), conv.in().channels(), conv.kernel(), conv.kernel());
        Shape out = new Shape(n, conv.out().channels(), conv.out().height(), conv.out().width());
        try (NDManager m = parent.newSubManager()) {
            float[] x = gaussian(random, in.size());
            float[] w = gaussian(random, weight.size());
            float[] gradOut = gaussian(random, out.size());
            Gradients nchw = gradients(engine, m, conv, x, in, w, weight, gradOut, out, false, inputGradient);
            Gradients nhwc = gradients(engine, m, conv, x, in, w, weight, gradOut, out, true, inputGradient);
            String wrong = differs("output", nchw.out, nhwc.out);
            if (wrong == null) {
                wrong = differs("weight gradient", nchw.weight, nhwc.weight);
            }
            if (wrong == null && inputGradient) {
                wrong = differs("input gradient", nchw.input, nhwc.input);
            }
            return wrong;
        }
    }

    private record Gradients(float[] out, float[] weight, float[] input) {
    }

    private static Gradients gradients(Engine engine, NDManager m, NinOp.Conv conv, float[] x, Shape in, float[] w,
                                       Shape weight, float[] gradOut, Shape out, boolean channelsLast,
                                       boolean inputGradient) {
        // DJL's create wraps the Java buffer; duplicate() gives each tensor libtorch memory of its own
        NDArray input = layout(m.create(x, in), channelsLast).duplicate();
        NDArray kernel = layout(m.create(w, weight), channelsLast).duplicate();
        NDArray upstream = layout(m.create(gradOut, out), channelsLast).duplicate();
        input.setRequiresGradient(inputGradient);
        kernel.setRequiresGradient(true);
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray y = Conv2d.conv2d(input, kernel, null, DjlModel.square(conv.stride()),
                    DjlModel.square(conv.padding()), DjlModel.square(1), 1).singletonOrThrow();
            collector.backward(y.mul(upstream).sum());
            return new Gradients(y.toFloatArray(), kernel.getGradient().toFloatArray(),
                    inputGradient ? input.getGradient().toFloatArray() : null);
        }
    }

    private static NDArray layout(NDArray a, boolean channelsLast) {
        return channelsLast ? DjlModel.channelsLast(a) : a;
    }

    /** "input gradient: 36814 of 55296 values off, by up to 4.3e-01 of its largest" (NaN counts as off), or null. */
    private static String differs(String what, float[] g, float[] e) {
        double largest = 0;
        for (float v : e) {
            largest = Math.max(largest, Math.abs(v));
        }
        int off = 0;
        double worst = 0;
        for (int i = 0; i < g.length; i++) {
            double d = Math.abs(g[i] - e[i]);
            if (!(d <= TOLERANCE * largest)) {
                off++;
                worst = Double.isNaN(d) || Double.isNaN(worst) ? Double.NaN : Math.max(worst, d);
            }
        }
        return off == 0 ? null : String.format("%s: %d of %d values off, by up to %s of its largest", what, off,
                g.length, Double.isNaN(worst) ? "NaN" : String.format("%.1e", worst / largest));
    }

    private static float[] gaussian(Random random, long size) {
        float[] v = new float[Math.toIntExact(size)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
