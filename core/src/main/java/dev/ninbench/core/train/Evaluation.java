package dev.ninbench.core.train;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.Dataset;
import dev.ninbench.core.data.Epochs;
import dev.ninbench.core.data.Prefetch;
import dev.ninbench.core.engine.Model;

/** Accuracy and mean cross-entropy of a model's eval-mode logits over a whole dataset, in order. */
public record Evaluation(int examples, int correct, double meanLoss) {

    public double accuracy() {
        return examples == 0 ? 0 : (double) correct / examples;
    }

    public static Evaluation of(Model model, Dataset data, int batchSize) {
        return of(model, data, batchSize, () -> { });
    }

    /** As {@link #of(Model, Dataset, int)}, running {@code betweenBatches} before each batch (it may throw to stop). */
    public static Evaluation of(Model model, Dataset data, int batchSize, Runnable betweenBatches) {
        int examples = 0;
        int correct = 0;
        double lossSum = 0;
        try (Prefetch it = new Prefetch(Epochs.inOrder(data, batchSize))) {
            while (it.hasNext()) {
                betweenBatches.run();
                Batch b = it.next();
                float[] logits = model.logits(b);
                int classes = logits.length / b.size();
                correct += correct(logits, b.labels());
                for (int i = 0; i < b.size(); i++) {
                    lossSum += crossEntropy(logits, i * classes, classes, b.labels()[i]);
                }
                examples += b.size();
            }
        }
        return new Evaluation(examples, correct, examples == 0 ? Double.NaN : lossSum / examples);
    }

    /** How many rows of {@code [labels.length x classes]} row-major logits have their label as {@link #argmax}. */
    public static int correct(float[] logits, int[] labels) {
        if (labels.length == 0 || logits.length % labels.length != 0) {
            throw new IllegalArgumentException(logits.length + " logits for " + labels.length + " labels");
        }
        int classes = logits.length / labels.length;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (argmax(logits, i * classes, classes) == labels[i]) {
                correct++;
            }
        }
        return correct;
    }

    /** Index of the largest of {@code n} values from {@code offset}; the first one on ties. */
    public static int argmax(float[] v, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[offset + j] > v[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /** Mean cross-entropy of {@code [labels.length x classes]} row-major logits. */
    public static double meanCrossEntropy(float[] logits, int[] labels, int classes) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum += crossEntropy(logits, i * classes, classes, labels[i]);
        }
        return sum / labels.length;
    }

    /** -log softmax(v)[label], computed stably (log-sum-exp around the maximum). */
    static double crossEntropy(float[] v, int offset, int n, int label) {
        double max = v[offset + argmax(v, offset, n)];
        double sum = 0;
        for (int j = 0; j < n; j++) {
            sum += Math.exp(v[offset + j] - max);
        }
        return Math.log(sum) + max - v[offset + label];
    }
}
