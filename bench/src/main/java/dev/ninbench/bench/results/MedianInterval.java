package dev.ninbench.bench.results;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The median of per-round values (img/s, or a ratio of two rows' img/s in the same round) and a distribution-free
 * interval for it: the order statistics {@code [x(k), x(n+1-k)]} of the n rounds, which hold the true median with
 * probability {@code 1 - 2 P(Binomial(n, 1/2) < k)} whatever the noise's distribution. {@code k} is the largest
 * giving at least {@link #TARGET_COVERAGE}; with fewer rounds than that needs (fewer than 5) the interval is the rounds'
 * whole range and its lower coverage is said ({@link #coverage}). Why medians of rounds: on a shared machine a slow
 * minute lands on whichever row runs in it; interleaving the rows in short rounds and taking the median of the
 * per-round ratios leaves such a minute one outlier among n, where one long run per row would turn it into a false
 * ratio.
 *
 * @param coverage the probability that the interval holds the median (0 for a single value)
 * @param rounds   how many values it is made of (NaNs, missing rounds, left out)
 */
public record MedianInterval(double median, double low, double high, double coverage, int rounds) {
    /** The coverage aimed at: 5 rounds give the range at 93.8 %, 8 rounds the 2nd to 7th values at 93.0 %. */
    public static final double TARGET_COVERAGE = 0.9;

    /** Of the finite {@code values}; null when there are none. */
    public static MedianInterval of(List<Double> values) {
        double[] x = sortedFinite(values);
        int n = x.length;
        if (n == 0) {
            return null;
        }
        double median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
        if (n == 1) {
            return single(median);
        }
        int k = 1;
        while (k + 1 <= n / 2 && coverage(n, k + 1) >= TARGET_COVERAGE) {
            k++;
        }
        return new MedianInterval(median, x[k - 1], x[n - k], coverage(n, k), n);
    }

    /**
     * The median of the finite {@code values} with their whole range, {@code [min, max]}, however many there are (it
     * holds the median with probability {@code 1 - 2^(1-n)}); null when there are none. For figures whose spread is
     * itself of interest, such as a few cold starts, where {@link #of} would narrow it from 8 values on.
     */
    public static MedianInterval ofRange(List<Double> values) {
        double[] x = sortedFinite(values);
        MedianInterval median = of(values);
        return median == null || !median.hasInterval() ? median
                : new MedianInterval(median.median(), x[0], x[x.length - 1], coverage(x.length, 1), x.length);
    }

    private static double[] sortedFinite(List<Double> values) {
        return values.stream().filter(v -> v != null && Double.isFinite(v)).mapToDouble(Double::doubleValue).sorted()
                .toArray();
    }

    /** A value measured once: no interval. */
    public static MedianInterval single(double value) {
        return new MedianInterval(value, value, value, 0, 1);
    }

    /** {@code P(x(k) <= median <= x(n+1-k))} for n values from any continuous distribution. */
    static double coverage(int n, int k) {
        return 1 - 2 * new BinomialDistribution(n, 0.5).cumulativeProbability(k - 1);
    }

    public boolean hasInterval() {
        return rounds > 1;
    }

    /** Every value times a positive {@code factor} (batches/s to img/s: times the batch size). */
    public MedianInterval times(double factor) {
        return new MedianInterval(median * factor, low * factor, high * factor, coverage, rounds);
    }

    /** "1.23x [1.10-1.31]", or "1.23x" without an interval. */
    public String formatRatio() {
        return hasInterval() ? String.format(Locale.ROOT, "%.2fx [%.2f-%.2f]", median, low, high)
                : String.format(Locale.ROOT, "%.2fx", median);
    }

    /** "243.1 [230.5-251.0]" with {@code decimals}, or the median alone without an interval. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        return hasInterval() ? String.format(Locale.ROOT, f + " [" + f + "-" + f + "]", median, low, high)
                : String.format(Locale.ROOT, f, median);
    }

    /** "median of 5 rounds, [ ] the order-statistic interval at 93.8 %". */
    public String describe() {
        return hasInterval() ? String.format(Locale.ROOT, "median of %d rounds, [ ] its order-statistic interval at "
                + "%.1f %%", rounds, 100 * coverage) : "one measurement";
    }

    @Override
    public String toString() {
        return format(3) + " (" + describe() + ")";
    }
}
