package dev.ninbench.bench.compare;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.SafetensorsFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables {@code nin-bench compare} prints from the engines' result files. */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    /** Pairwise logit differences, top-1 agreement and accuracy; true when every pair is within {@code tolerance}. */
    public static boolean logits(Map<String, SafetensorsFile> outputs, NinSpec spec, Batch batch, boolean showAccuracy,
                          double tolerance) {
        Map<String, float[]> logits = new LinkedHashMap<>();
        outputs.forEach((name, file) -> logits.put(name, file.tensor("logits").data()));
        List<OutputComparison> pairs = OutputComparison.pairs(logits, spec.classes());
        System.out.printf("%-18s %14s %20s %16s%n", "pair", "max |d logit|", "max |d| / max|logit|", "top-1 agreement");
        boolean within = true;
        for (OutputComparison c : pairs) {
            System.out.printf("%-18s %14.3e %20.3e %9d/%d%s%n", c.a() + " - " + c.b(), c.maxAbs(), c.maxRelative(),
                    c.top1Agree(), c.rows(), c.maxAbs() <= tolerance ? "" : "   ABOVE " + tolerance);
            within &= c.maxAbs() <= tolerance;
        }
        if (showAccuracy) {
            List<String> acc = new ArrayList<>();
            logits.forEach((name, l) -> acc.add(String.format("%s %.4f", name, OutputComparison.accuracy(l, batch.labels(), spec.classes()))));
            System.out.printf("accuracy on these %d test images: %s%n", batch.size(), String.join(", ", acc));
        }
        System.out.printf("%s within %.0e (absolute, on logits)%n", within ? "every pair is" : "NOT every pair is", tolerance);
        return within;
    }

    /** Loss per step per engine, then per pair the largest loss and final-weight differences. */
    /**
     * Losses per step and the final weights of every pair. A pair passes when its losses stay within
     * {@code lossTolerance} and, for every tensor, its final weights differ by at most {@code weightTolerance} of how
     * far the steps moved that tensor (in PyTorch's run, else the first engine's): an absolute tolerance on weights
     * would pass a gradient at half scale, since a few steps move a weight by a small part of its size.
     */
    public static boolean parity(Map<String, SafetensorsFile> outputs, NinSpec spec, NinWeights init, double lossTolerance,
                          double weightTolerance) {
        List<String> names = new ArrayList<>(outputs.keySet());
        if (names.isEmpty()) {
            return false;
        }
        int steps = outputs.get(names.get(0)).tensor("loss").size();
        StringBuilder head = new StringBuilder(String.format("%5s", "step"));
        names.forEach(n -> head.append(String.format(" %12s", n)));
        System.out.println(head);
        for (int s = 0; s < steps; s++) {
            StringBuilder row = new StringBuilder(String.format("%5d", s + 1));
            for (String n : names) {
                row.append(String.format(" %12.6f", outputs.get(n).tensor("loss").data()[s]));
            }
            System.out.println(row);
        }
        SafetensorsFile reference = outputs.getOrDefault(EngineName.PYTORCH, outputs.get(names.get(0)));
        System.out.println();
        System.out.printf("%-18s %14s %20s %26s%n", "pair", "max |d loss|", "max |d final weight|",
                "max |d weight| / change");
        boolean within = true;
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                SafetensorsFile a = outputs.get(names.get(i));
                SafetensorsFile b = outputs.get(names.get(j));
                double loss = maxAbs(a.tensor("loss").data(), b.tensor("loss").data());
                double weight = 0;
                double relative = 0;
                for (ParamShape p : spec.parameters()) {
                    double d = maxAbs(a.tensor(p.name()).data(), b.tensor(p.name()).data());
                    double moved = maxAbs(reference.tensor(p.name()).data(), init.get(p.name()).data());
                    weight = Math.max(weight, d);
                    relative = Math.max(relative, moved == 0 ? (d == 0 ? 0 : Double.POSITIVE_INFINITY) : d / moved);
                }
                boolean ok = loss <= lossTolerance && relative <= weightTolerance;
                System.out.printf("%-18s %14.3e %20.3e %26.3e%s%n", names.get(i) + " - " + names.get(j), loss, weight,
                        relative, ok ? "" : "   ABOVE " + (loss > lossTolerance ? "the loss" : "the weight")
                                + " tolerance");
                within &= ok;
            }
        }
        System.out.printf("%s within %.0e on the loss and %.0e of each tensor's change on the final weights%n",
                within ? "every pair is" : "NOT every pair is", lossTolerance, weightTolerance);
        return within;
    }

    private static double maxAbs(float[] x, float[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs((double) x[i] - y[i]);
            m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(m, d);
        }
        return m;
    }
}
