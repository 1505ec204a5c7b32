package dev.ninbench.bench.report;

import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A panel of one row per engine and variant: a point and its interval (a horizontal line) per run, the runs one above
 * the other within the row (the first run uppermost), and an optional vertical reference line. Ratios, latencies and
 * cold starts are drawn with it; several panels go side by side into one {@link ChartStyle.Figure}.
 */
final class IntervalChart {
    static final int PANEL_WIDTH = 860;
    /** The last panel's extra width, for its legend on the right. */
    static final int LEGEND_WIDTH = 210;

    /** One engine's figure in one run: {@code value} within {@code [low, high]} (all three equal: no interval). */
    record Point(String engine, double value, double low, double high) {
    }

    private IntervalChart() {
    }

    /**
     * @param runs      per run, its engines' points (an engine may be missing from a run)
     * @param reference where the vertical reference line goes, NaN for none
     * @param legend    whether this panel carries the legend (the last of a figure)
     */
    static XYChart panel(String title, String xTitle, List<List<Point>> runs, double reference, String referenceLabel,
                         boolean legend) {
        TreeSet<String> ordered = new TreeSet<>(ChartStyle.ORDER);
        runs.forEach(r -> r.forEach(p -> ordered.add(p.engine())));
        List<String> engines = List.copyOf(ordered);
        XYChart chart = ChartStyle.xy(title, xTitle, "", PANEL_WIDTH + (legend ? LEGEND_WIDTH : 0),
                ChartStyle.HEIGHT);
        chart.getStyler().setLegendVisible(legend);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        int n = engines.size();
        // the top row is the first engine, a row a whole number: the y ticks there show the engines' names. XChart
        // widens the ticks' spacing until their labels differ, so a tick between rows gets a label of its own made
        // of zero-width spaces, as many as its tenths: distinct, and nothing shows
        chart.getStyler().setYAxisMin(0.5);
        chart.getStyler().setYAxisMax(n + 0.5);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(y -> {
            long row = Math.round(y);
            return Math.abs(y - row) < 1e-9 && row >= 1 && row <= n ? engines.get((int) (n - row))
                    : "\u200B".repeat(1 + Math.floorMod(Math.round(y * 10), 1000));
        });
        // four significant digits at most, no trailing zeros: 0.9, 1, 1.05, 1200
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> BigDecimal.valueOf(x).round(new MathContext(4))
                .stripTrailingZeros().toPlainString());
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        engines.forEach(e -> points.put(e, new ArrayList<>()));
        for (int k = 0; k < runs.size(); k++) {
            double offset = 0.15 * (runs.size() - 1) - 0.3 * k;
            for (Point p : runs.get(k)) {
                double y = n - engines.indexOf(p.engine()) + offset;
                points.get(p.engine()).add(new double[] {p.value(), y});
                if (p.high() > p.low()) {
                    XYSeries interval = chart.addSeries(p.engine() + " interval " + k,
                            new double[] {p.low(), p.high()}, new double[] {y, y});
                    ChartStyle.style(interval, p.engine()).setMarker(SeriesMarkers.NONE);
                    interval.setShowInLegend(false);
                }
            }
        }
        points.forEach((engine, xy) -> ChartStyle.style(chart.addSeries(engine, xy.stream().mapToDouble(p -> p[0])
                .toArray(), xy.stream().mapToDouble(p -> p[1]).toArray()), engine).setLineStyle(SeriesLines.NONE));
        if (!Double.isNaN(reference)) {
            XYSeries line = chart.addSeries(referenceLabel, new double[] {reference, reference},
                    new double[] {0.5, n + 0.5});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.DARK_GRAY);
            line.setLineStyle(SeriesLines.DASH_DOT);
        }
        return chart;
    }

}
