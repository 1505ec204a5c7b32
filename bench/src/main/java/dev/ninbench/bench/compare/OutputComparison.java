package dev.ninbench.bench.compare;

import dev.ninbench.core.train.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How far apart two engines' outputs are: the numbers {@code nin-bench compare} prints per pair. */
record OutputComparison(String a, String b, double maxAbs, double maxRelative, int top1Agree, int rows) {

    /**
     * Logits {@code [rows x classes]} of two engines. The relative difference is taken against the largest logit
     * magnitude of the pair: element-wise ratios explode on d2l's ReLU outputs, which are often exactly 0.
     */
    static OutputComparison of(String a, float[] x, String b, float[] y, int classes) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(a + " and " + b + " returned different sizes: " + x.length + " vs " + y.length);
        }
        double maxAbs = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs((double) x[i] - y[i]);
            maxAbs = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(maxAbs, d);
            scale = Math.max(scale, Math.max(Math.abs(x[i]), Math.abs(y[i])));
        }
        int rows = x.length / classes;
        int agree = 0;
        for (int r = 0; r < rows; r++) {
            if (Evaluation.argmax(x, r * classes, classes) == Evaluation.argmax(y, r * classes, classes)) {
                agree++;
            }
        }
        return new OutputComparison(a, b, maxAbs, scale == 0 ? 0 : maxAbs / scale, agree, rows);
    }

    /** Every pair of {@code outputs} (in insertion order). */
    static List<OutputComparison> pairs(Map<String, float[]> outputs, int classes) {
        List<String> names = new ArrayList<>(outputs.keySet());
        List<OutputComparison> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                pairs.add(of(names.get(i), outputs.get(names.get(i)), names.get(j), outputs.get(names.get(j)), classes));
            }
        }
        return pairs;
    }

    static double accuracy(float[] logits, int[] labels, int classes) {
        int correct = 0;
        for (int r = 0; r < labels.length; r++) {
            if (Evaluation.argmax(logits, r * classes, classes) == labels[r]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
