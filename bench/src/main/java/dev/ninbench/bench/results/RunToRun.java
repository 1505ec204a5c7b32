package dev.ninbench.bench.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How far a figure moved from one run to the next, from the two runs' per-round values (a ratio's per-round ratios,
 * say): the Hodges-Lehmann estimate of the factor between them, the median of all n x m quotients second/first, and
 * a distribution-free interval for it, the quotients' order statistics {@code [q(k), q(nm+1-k)]}, whose coverage
 * {@code 1 - 2 P(U < k)} comes from the Mann-Whitney statistic's exact distribution. An interval holding 1 says the two
 * runs agree within their rounds' spread; one beside 1 says the figure moved by more than both runs' noise explains.
 *
 * <p>Why this and not "each run's median inside the other's interval": each run's {@link MedianInterval} is for that
 * run's median alone, and asking it to hold the other run's median, itself noisy, fails more often than its coverage
 * says, while asking the two intervals merely to meet passes shifts far larger than the noise. Whether two runs
 * differ is a question about both runs' rounds at once, which the rank test answers, with a known rate of false
 * alarms: at the coverage aimed at ({@link #TARGET_COVERAGE}), about 6 in 100 figures that did not move are
 * flagged anyway. Its assumption is
 * the per-run interval's: rounds exchangeable within a run, and noise of the same shape in both runs.
 *
 * @param coverage the probability that the interval holds the true factor (0 when there is no interval)
 */
public record RunToRun(double factor, double low, double high, double coverage) {
    /** The coverage aimed at; 5 rounds against 5 give the 4th to 22nd of 25 quotients, at 94.4 %. */
    public static final double TARGET_COVERAGE = 0.94;

    /** {@code second} over {@code first}, of their positive finite values; null when either has fewer than two. */
    public static RunToRun of(List<Double> first, List<Double> second) {
        double[] x = positive(first);
        double[] y = positive(second);
        int n = x.length;
        int m = y.length;
        if (n < 2 || m < 2) {
            return null;
        }
        double[] q = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                q[i * m + j] = y[j] / x[i];
            }
        }
        Arrays.sort(q);
        int nm = q.length;
        double factor = nm % 2 == 1 ? q[nm / 2] : Math.sqrt(q[nm / 2 - 1] * q[nm / 2]);
        int k = 1;
        while (k + 1 <= nm / 2 && coverage(n, m, k + 1) >= TARGET_COVERAGE) {
            k++;
        }
        return new RunToRun(factor, q[k - 1], q[nm - k], coverage(n, m, k));
    }

    /** True when the interval holds 1: no move shown. */
    public boolean agrees() {
        return low <= 1 && 1 <= high;
    }

    /** "1.04x [0.95-1.12]". */
    public String format() {
        return String.format(Locale.ROOT, "%.2fx [%.2f-%.2f]", factor, low, high);
    }

    /** {@code P(q(k) <= factor <= q(nm+1-k))}: {@code 1 - 2 P(U <= k-1)} under no shift. */
    static double coverage(int n, int m, int k) {
        double[] counts = mannWhitneyCounts(n, m);
        double total = 0;
        double below = 0;
        for (int u = 0; u < counts.length; u++) {
            total += counts[u];
            if (u <= k - 1) {
                below += counts[u];
            }
        }
        return 1 - 2 * below / total;
    }

    /**
     * How many of the {@code C(n+m, n)} orderings of two samples give each value of the Mann-Whitney U (index u),
     * by the recurrence {@code f(n, m, u) = f(n-1, m, u-m) + f(n, m-1, u)}: the largest value is either the first
     * sample's (beating all m of the second) or the second's.
     */
    static double[] mannWhitneyCounts(int n, int m) {
        double[][] f = new double[m + 1][];
        for (int j = 0; j <= m; j++) {
            f[j] = new double[] {1}; // n = 0: one ordering, U = 0
        }
        for (int i = 1; i <= n; i++) {
            double[][] next = new double[m + 1][];
            next[0] = new double[] {1}; // m = 0
            for (int j = 1; j <= m; j++) {
                double[] counts = new double[i * j + 1];
                for (int u = 0; u < counts.length; u++) {
                    double firstLargest = u - j >= 0 && u - j < f[j].length ? f[j][u - j] : 0;
                    double secondLargest = u < next[j - 1].length ? next[j - 1][u] : 0;
                    counts[u] = firstLargest + secondLargest;
                }
                next[j] = counts;
            }
            f = next;
        }
        return f[m];
    }

    private static double[] positive(List<Double> values) {
        List<Double> kept = new ArrayList<>();
        for (Double v : values) {
            if (v != null && Double.isFinite(v) && v > 0) {
                kept.add(v);
            }
        }
        return kept.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
