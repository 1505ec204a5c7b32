package dev.ninbench.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The difference of mean final test accuracy between an engine and PyTorch over seeds, with a 95 % t interval.
 * Paired by seed when both rows ran the same seeds (at least two): a seed fixes the initial weights, the batch order
 * and the dropout masks of every row, so the per-seed differences cancel what the seed itself decides. Otherwise,
 * with at least two seeds on each side, Welch's unpaired interval. With fewer, the difference has no interval.
 * Whether pairing helps is measured, not assumed ({@link #ofRows}): once NiN leaves its loss plateau, rounding sends
 * each run of one seed its own way, and rows of one seed may end no more alike than rows of two.
 *
 * @param sd    the standard deviation the interval rests on: of the per-seed differences (paired), or
 *              {@code sqrt(s1² + s2²)} (unpaired); NaN without an interval
 * @param seeds the seeds the interval rests on: paired seeds, or the smaller of the two rows' counts
 */
public record AccuracyDifference(double mean, double low, double high, double sd, int seeds, Method method) {
    /** Coverage of every interval this class makes. */
    public static final double CONFIDENCE = 0.95;

    /** How the interval was made. */
    public enum Method {
        PAIRED("paired t"), WELCH("Welch t"), NONE("no interval");

        private final String words;

        Method(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** "p", "w" or "": the method in one letter, for a table that gives many intervals. */
        public String shortWords() {
            return this == NONE ? "" : words.substring(0, 1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Of the engine's and PyTorch's final accuracy per seed. */
    public static AccuracyDifference of(Map<Long, Double> engine, Map<Long, Double> pytorch) {
        List<Double> paired = new ArrayList<>();
        engine.forEach((seed, a) -> {
            if (pytorch.containsKey(seed)) {
                paired.add(a - pytorch.get(seed));
            }
        });
        if (paired.size() >= 2 && paired.size() == engine.size() && paired.size() == pytorch.size()) {
            SummaryStatistics d = stats(paired);
            double half = quantile(paired.size() - 1) * d.getStandardDeviation() / Math.sqrt(paired.size());
            return new AccuracyDifference(d.getMean(), d.getMean() - half, d.getMean() + half,
                    d.getStandardDeviation(), paired.size(), Method.PAIRED);
        }
        return unpaired(engine, pytorch);
    }

    /**
     * One difference per engine row against one PyTorch row, all made the same way: paired by seed when that narrows
     * the rows' intervals taken together (the sum of their half-widths over the rows that can be paired), else
     * Welch's. One choice for the recipe, not one per row, and made from the spreads alone (the means are the same
     * either way), so the interval is not picked row by row for the answer it gives.
     */
    public static List<AccuracyDifference> ofRows(List<Map<Long, Double>> engines, Map<Long, Double> pytorch) {
        List<AccuracyDifference> paired = engines.stream().map(e -> of(e, pytorch)).toList();
        List<AccuracyDifference> unpaired = engines.stream().map(e -> unpaired(e, pytorch)).toList();
        double pairedWidth = 0;
        double unpairedWidth = 0;
        for (int i = 0; i < engines.size(); i++) {
            if (paired.get(i).method() == Method.PAIRED && unpaired.get(i).hasInterval()) {
                pairedWidth += paired.get(i).halfWidth();
                unpairedWidth += unpaired.get(i).halfWidth();
            }
        }
        return pairedWidth < unpairedWidth ? paired : unpaired;
    }

    /**
     * Welch's unpaired interval whatever the seeds: beside a paired one it shows whether pairing by seed narrowed
     * the interval (it does only as far as the two rows of one seed end alike).
     */
    public static AccuracyDifference unpaired(Map<Long, Double> engine, Map<Long, Double> pytorch) {
        SummaryStatistics a = stats(List.copyOf(engine.values()));
        SummaryStatistics b = stats(List.copyOf(pytorch.values()));
        double mean = a.getMean() - b.getMean();
        if (a.getN() < 2 || b.getN() < 2) {
            return new AccuracyDifference(mean, Double.NaN, Double.NaN, Double.NaN,
                    (int) Math.min(a.getN(), b.getN()), Method.NONE);
        }
        double va = a.getVariance() / a.getN();
        double vb = b.getVariance() / b.getN();
        double df = (va + vb) * (va + vb) / (va * va / (a.getN() - 1) + vb * vb / (b.getN() - 1));
        double half = quantile(Double.isFinite(df) ? df : a.getN() + b.getN() - 2) * Math.sqrt(va + vb);
        return new AccuracyDifference(mean, mean - half, mean + half,
                Math.sqrt(a.getVariance() + b.getVariance()), (int) Math.min(a.getN(), b.getN()), Method.WELCH);
    }

    /** Half the interval's width. */
    public double halfWidth() {
        return (high - low) / 2;
    }

    public boolean hasInterval() {
        return method != Method.NONE && Double.isFinite(low) && Double.isFinite(high);
    }

    /**
     * How many seeds (per row) the observed spread would need for the interval to decide at this mean: to exclude 0,
     * or to fit inside {@code ±margin}, whichever comes first; empty without a spread to go by, or when no number of
     * seeds up to 1,000 would do.
     */
    public OptionalInt seedsToDecide(double margin) {
        if (!hasInterval()) {
            return OptionalInt.empty();
        }
        double room = Math.max(Math.abs(mean), margin - Math.abs(mean));
        if (sd == 0) {
            return OptionalInt.of(2);
        }
        for (int n = 2; n <= 1000; n++) {
            if (quantile(n - 1) * sd / Math.sqrt(n) < room) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /** "-0.012 [-0.034, +0.010]", or "-0.012 (no interval)". */
    public String format() {
        return format(3);
    }

    /** {@link #format()} with {@code decimals}: "+35 [-12, +82]" for steps. */
    public String format(int decimals) {
        String f = "%+." + decimals + "f";
        return hasInterval() ? String.format(Locale.ROOT, f + " [" + f + ", " + f + "]", mean, low, high)
                : String.format(Locale.ROOT, f + " (no interval)", mean);
    }

    private static SummaryStatistics stats(List<Double> values) {
        SummaryStatistics s = new SummaryStatistics();
        values.forEach(s::addValue);
        return s;
    }

    private static double quantile(double degreesOfFreedom) {
        return new TDistribution(degreesOfFreedom).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
    }
}
