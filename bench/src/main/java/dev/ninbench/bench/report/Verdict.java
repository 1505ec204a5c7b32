package dev.ninbench.bench.report;

import dev.ninbench.bench.results.MedianInterval;
import java.util.Locale;

/**
 * The one rule by which the report turns an interval into a word, used for every verdict it writes, so that no word
 * says more than its interval. A ratio is "faster" only when its whole interval lies above 1, "slower" only when it
 * lies wholly below 1, and otherwise "level"; a target is "met" only when the interval clears it, "missed" only when
 * the interval lies wholly below it, and otherwise "undecided". An accuracy difference is "as accurate" only when its
 * interval lies inside the equivalence margin, "less" or "more accurate" only when it excludes 0, and otherwise
 * "undecided".
 */
public final class Verdict {
    private Verdict() {
    }

    /** "faster than", "slower than" or "level with", for a ratio of img/s ({@code a / b}) and its interval. */
    public static String speed(MedianInterval ratio) {
        if (!ratio.hasInterval()) {
            return "measured once against";
        }
        return ratio.low() > 1 ? "faster than" : ratio.high() < 1 ? "slower than" : "level with";
    }

    /** "meets", "misses" or "is undecided on", for a ratio and a target ratio it should reach. */
    public static String target(MedianInterval ratio, double target) {
        if (!ratio.hasInterval()) {
            return "is undecided on";
        }
        return ratio.low() >= target ? "meets" : ratio.high() < target ? "misses" : "is undecided on";
    }

    /**
     * For a difference of mean test accuracy (engine minus PyTorch) with its interval: "as accurate as" when the
     * interval lies inside {@code [-margin, margin]}, "less accurate than" / "more accurate than" when it lies wholly
     * below / above 0, else "undecided against".
     */
    public static String accuracy(AccuracyDifference d, double margin) {
        if (!d.hasInterval()) {
            return "undecided against";
        }
        if (d.low() >= -margin && d.high() <= margin) {
            return "as accurate as";
        }
        return d.high() < 0 ? "less accurate than" : d.low() > 0 ? "more accurate than" : "undecided against";
    }

    /** The rule in words, for the pages that show verdicts. */
    public static String rule(double margin) {
        return String.format(Locale.ROOT, "Verdicts follow one rule: \"faster\" only when the whole interval of the "
                + "ratio lies above 1, \"slower\" only when it lies below 1, otherwise \"level\"; \"as accurate\" only "
                + "when the interval of the accuracy difference lies inside ±%.2f, \"less\" or \"more accurate\" only "
                + "when it excludes 0, otherwise \"undecided\".", margin);
    }
}
