package dev.ninbench.core.engine;

/**
 * How an engine's outputs are judged against PyTorch's, each quantity relative to what it measures: logits against
 * the largest logit, a training step's change of a weight tensor against the largest change in it (not against the
 * weight: one step moves a trained weight by a few 1e-5 of its size, so an absolute tolerance on weights lets a
 * gradient 20-30 % off pass). Each check returns null when the outputs agree, else one line saying where they part.
 * The engine contract uses them, and bench's {@code ParityMutationTest} shows that each bug a port could have (a
 * flipped or transposed kernel, a transposed image, align_corners, a dropped bias, a gradient at half scale) fails
 * them on the trained fixture.
 */
public final class ParityCheck {
    /** Logits: float32 convolutions summed in another order differ by ~1e-6 of the largest logit here. */
    public static final double LOGITS = 1e-4;
    /** A step's weight change: the engines' gradients agree with PyTorch's to ~1e-5 of the largest change. */
    public static final double STEP = 1e-3;

    private ParityCheck() {
    }

    /** The loss before a step: float32 sums in another order. */
    public static final double LOSS = 1e-5;

    /** Null when the loss is within {@link #LOSS} x PyTorch's loss. */
    public static String loss(float want, float got) {
        return relative("loss", new float[] {want}, new float[] {got}, LOSS);
    }

    /** Null when every logit is within {@link #LOGITS} x the largest |logit| of {@code want}. */
    public static String logits(float[] want, float[] got) {
        return relative("logits", want, got, LOGITS);
    }

    /**
     * Null when the step's change of tensor {@code name} ({@code after - before}) is within {@link #STEP} x the
     * largest change PyTorch made to it.
     */
    public static String step(String name, float[] before, float[] wantAfter, float[] gotAfter) {
        if (before.length != wantAfter.length || before.length != gotAfter.length) {
            return name + ": " + before.length + " values before the step, " + wantAfter.length + " in PyTorch's and "
                    + gotAfter.length + " in the engine's after it";
        }
        return relative("the step's change of " + name, minus(wantAfter, before), minus(gotAfter, before), STEP);
    }

    /** Null when every value is within {@code tolerance} of PyTorch's (an absolute tolerance). */
    public static String absolute(String what, float[] want, float[] got, double tolerance) {
        if (want.length != got.length) {
            return what + ": " + got.length + " values, PyTorch has " + want.length;
        }
        int at = worst(want, got);
        double d = at < 0 ? 0 : distance(want[at], got[at]);
        return d <= tolerance ? null : String.format("%s: largest difference %.3e at element %d (PyTorch %s, "
                + "engine %s), allowed %.0e", what, d, at, want[at], got[at], tolerance);
    }

    private static String relative(String what, float[] want, float[] got, double tolerance) {
        if (want.length != got.length) {
            return what + ": " + got.length + " values, PyTorch has " + want.length;
        }
        double scale = 0;
        for (float v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        int at = worst(want, got);
        double worst = at < 0 ? 0 : distance(want[at], got[at]);
        if (Boolean.getBoolean("ninbench.parity.print")) { // the margins, e.g. for the README's figures
            System.out.printf("parity: %s: %.2e of the largest |value| %.3e (allowed %.0e)%n", what,
                    scale == 0 ? 0 : worst / scale, scale, tolerance);
        }
        if (worst <= tolerance * scale) {
            return null;
        }
        return String.format("%s: largest difference %.3e at element %d (PyTorch %s, engine %s) is %.2e of the "
                + "largest |value| %.3e; allowed %.0e", what, worst, at, want[at], got[at],
                scale == 0 ? Double.POSITIVE_INFINITY : worst / scale, scale, tolerance);
    }

    /** Where {@code got} is farthest from {@code want} (a NaN is infinitely far); -1 when they are equal. */
    private static int worst(float[] want, float[] got) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            double d = distance(want[i], got[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        return at;
    }

    private static double distance(float a, float b) {
        double d = Math.abs((double) a - b);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    private static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
