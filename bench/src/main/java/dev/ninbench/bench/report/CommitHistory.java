package dev.ninbench.bench.report;

import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.Ratios;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.EngineName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How each tuned engine's figures moved over the published throughput runs, per machine, in run order: each run's
 * "x fastest PyTorch" (training and inference at its largest batch) with its interval, in {@code history.csv} and a
 * chart; and where two consecutive runs' intervals do not overlap, the change named (commits, engine, figure, from and
 * to), with whether the machine changed in between rather than the code: its CPU flags differ, or PyTorch's own rows
 * moved too (an engine's code cannot move PyTorch).
 *
 * @param machine the machine's label ({@link ReportTables#machine}); instances that share it are one line of runs, so
 *                that a change of instance shows as such
 * @param points  per run, in run order
 */
record CommitHistory(String machine, List<Point> points) {
    /** One run's figures. */
    record Point(MeasuredEngine first, Map<String, Figure> figures) {
        String runId() {
            return first.runId();
        }
    }

    /** An engine's figure in one run: its ratio to the fastest PyTorch row and its img/s, both with intervals. */
    record Figure(String engine, String mode, int batch, MedianInterval ratio, MedianInterval images) {
        String key() {
            return engine + " " + mode;
        }
    }

    /** One history per machine label, with the runs that have a PyTorch row to divide by. */
    static List<CommitHistory> of(List<MeasuredEngine> runs) {
        Map<String, Map<String, List<MeasuredEngine>>> byMachine = new LinkedHashMap<>();
        runs.stream().sorted(Comparator.comparing(MeasuredEngine::runId)).forEach(r -> byMachine
                .computeIfAbsent(ReportTables.machine(r.machine()), k -> new LinkedHashMap<>())
                .computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r));
        List<CommitHistory> histories = new ArrayList<>();
        byMachine.forEach((machine, byRun) -> {
            List<Point> points = new ArrayList<>();
            byRun.values().forEach(run -> point(run).ifPresent(points::add));
            if (!points.isEmpty()) {
                histories.add(new CommitHistory(machine, points));
            }
        });
        return histories;
    }

    private static Optional<Point> point(List<MeasuredEngine> run) {
        List<EngineThroughput> engines = run.stream().map(MeasuredEngine::engine).toList();
        int batch = engines.stream().flatMap(e -> e.rows().stream()).mapToInt(ThroughputRow::batchSize).max().orElse(0);
        Map<String, Figure> figures = new TreeMap<>();
        for (EngineThroughput e : engines) {
            boolean tuned = EngineName.TUNED.equals(EngineName.parse(e.engine()).variant());
            for (ThroughputRow row : e.rows()) {
                if (row.batchSize() != batch) {
                    continue;
                }
                Optional<MedianInterval> ratio = EngineName.isPyTorch(e.engine()) ? Optional.empty()
                        : Ratios.toPyTorch(engines, row);
                if (EngineName.isPyTorch(e.engine()) || tuned && ratio.isPresent()) {
                    Figure f = new Figure(e.engine(), row.benchmark(), batch, ratio.orElse(null), row.imagesOverRounds());
                    figures.put(f.key(), f);
                }
            }
        }
        return figures.values().stream().anyMatch(f -> f.ratio() != null)
                ? Optional.of(new Point(run.get(0), figures)) : Optional.empty();
    }

    /** {@code history.csv}: one row per machine, run, engine and mode. */
    static Table csv(List<CommitHistory> histories) {
        List<List<String>> rows = new ArrayList<>();
        for (CommitHistory h : histories) {
            for (Point p : h.points) {
                for (Figure f : p.figures.values()) {
                    List<String> row = new ArrayList<>(List.of(h.machine, p.runId(), p.first().commit(),
                            p.first().date(), f.engine(), f.mode(), String.valueOf(f.batch())));
                    for (MedianInterval m : java.util.Arrays.asList(f.ratio(), f.images())) {
                        row.add(m == null ? "" : ReportTables.number(m.median(), 4));
                        row.add(m == null || !m.hasInterval() ? "" : ReportTables.number(m.low(), 4));
                        row.add(m == null || !m.hasInterval() ? "" : ReportTables.number(m.high(), 4));
                    }
                    rows.add(row);
                }
            }
        }
        return new Table(List.of("machine", "run", "commit", "date", "engine", "mode", "batch", "x pytorch",
                "x pytorch low", "x pytorch high", "img/s", "img/s low", "img/s high"), rows);
    }

    /**
     * The changes between consecutive runs of this machine: a figure whose intervals do not overlap, named with the
     * commits and whether the machine (not the code) is the likelier cause.
     */
    List<String> changes() {
        List<String> changes = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            String cause = machineChanged(a, b);
            for (Figure f : b.figures.values()) {
                Figure before = a.figures.get(f.key());
                if (f.ratio() == null || before == null || before.ratio() == null || overlap(before.ratio(), f.ratio())) {
                    continue;
                }
                changes.add(String.format(java.util.Locale.ROOT, "%s..%s (`%s` to `%s`): %s %s x PyTorch %s -> %s%s",
                        a.first().commit(), b.first().commit(), a.runId(), b.runId(), f.engine(), f.mode(),
                        before.ratio().formatRatio(), f.ratio().formatRatio(), cause));
            }
        }
        return changes;
    }

    /** "; the machine changed in between (...)" when it did, else "". */
    private static String machineChanged(Point a, Point b) {
        if (!a.first().machine().cpuFlags().equals(b.first().machine().cpuFlags())) {
            return "; the machine instance changed in between (other CPU flags), not only the code";
        }
        List<String> moved = b.figures.values().stream().filter(f -> EngineName.isPyTorch(f.engine()))
                .filter(f -> {
                    Figure before = a.figures.get(f.key());
                    return before != null && !overlap(before.images(), f.images());
                }).map(Figure::key).toList();
        return moved.isEmpty() ? "" : "; PyTorch's own rows moved too (" + String.join(", ", moved)
                + "): the machine, not only the code";
    }

    private static boolean overlap(MedianInterval a, MedianInterval b) {
        return a.low() <= b.high() && b.low() <= a.high();
    }

    /** The section: per machine, the chart, then the changes or that there were none. */
    static String markdown(List<CommitHistory> histories, List<String> charts) {
        StringBuilder md = new StringBuilder("## Over commits\n\nEach tuned engine's training and inference against "
                + "the fastest PyTorch row of the same run (its largest batch), run after run: every run of a machine in "
                + "[history.csv](history.csv). A change is listed where two consecutive runs' intervals do not overlap.\n\n");
        for (int i = 0; i < histories.size(); i++) {
            CommitHistory h = histories.get(i);
            md.append("### ").append(h.machine).append("\n\n").append(i < charts.size() ? charts.get(i) : "");
            List<String> changes = h.changes();
            md.append(changes.isEmpty() ? "No figure moved beyond its interval between consecutive runs.\n\n"
                    : changes.stream().map(c -> "- " + c).collect(Collectors.joining("\n")) + "\n\n");
        }
        if (histories.size() > 1) {
            md.append("### Across machines\n\n").append(crossMachine(histories).markdown()).append("\nEach machine's "
                    + "newest run: every ratio divides two rows of one run on one machine; the machines are set side "
                    + "by side, never divided.\n\n");
        }
        return md.toString();
    }

    /** Run after run (x: the run's place, 1 to n), each tuned engine's ratio with its interval; training solid. */
    org.knowm.xchart.XYChart chart() {
        String title = "Against the fastest PyTorch row, run after run (1 = " + points.get(0).runId() + ", "
                + points.size() + " = " + points.get(points.size() - 1).runId() + ") | " + machine + "; commits "
                + points.stream().map(p -> p.first().commit()).distinct().collect(Collectors.joining(", "));
        org.knowm.xchart.XYChart chart = ChartStyle.xy(title, "run, oldest first", "x fastest PyTorch row", 1000, 560);
        ChartStyle.wholeX(chart, points.size());
        Map<String, List<double[]>> lines = new TreeMap<>();
        for (int i = 0; i < points.size(); i++) {
            for (Figure f : points.get(i).figures.values()) {
                if (f.ratio() != null) {
                    lines.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(new double[] {i + 1, f.ratio().median(),
                            f.ratio().low(), f.ratio().high()});
                }
            }
        }
        lines.forEach((key, xs) -> {
            String engine = key.substring(0, key.indexOf(' '));
            boolean train = key.endsWith(ThroughputRow.TRAIN);
            double offset = train ? -0.06 : 0.06;
            org.knowm.xchart.XYSeries line = ChartStyle.style(chart.addSeries(key, xs.stream().map(x -> x[0] + offset)
                    .toList(), xs.stream().map(x -> x[1]).toList()), engine);
            if (!train) {
                line.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            }
            for (double[] x : xs) {
                org.knowm.xchart.XYSeries band = ChartStyle.style(chart.addSeries(key + " " + (int) x[0],
                        new double[] {x[0] + offset, x[0] + offset}, new double[] {x[2], x[3]}), engine);
                band.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
        });
        org.knowm.xchart.XYSeries one = chart.addSeries("1.0 = the fastest PyTorch row", List.of(0.5, points.size() + 0.5),
                List.of(1.0, 1.0));
        one.setLineColor(java.awt.Color.GRAY);
        one.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        return chart;
    }

    /**
     * Across machines: each tuned engine's figure against the fastest PyTorch row in each machine's newest run, so a
     * reader sees whether an engine's lead holds on other CPUs. Each ratio is within one run; machines are only set
     * side by side, never divided.
     */
    static Table crossMachine(List<CommitHistory> histories) {
        List<String> headers = new ArrayList<>(List.of("engine", "mode"));
        histories.forEach(h -> headers.add(h.machine + " (" + h.points.get(h.points.size() - 1).runId() + ")"));
        Map<String, List<String>> rows = new TreeMap<>();
        for (int i = 0; i < histories.size(); i++) {
            Point newest = histories.get(i).points.get(histories.get(i).points.size() - 1);
            for (Figure f : newest.figures.values()) {
                if (f.ratio() == null) {
                    continue;
                }
                List<String> row = rows.computeIfAbsent(f.key(), k -> {
                    List<String> r = new ArrayList<>(List.of(f.engine(), f.mode()));
                    histories.forEach(h -> r.add("-"));
                    return r;
                });
                row.set(2 + i, f.ratio().formatRatio() + " (batch " + f.batch() + ")");
            }
        }
        return new Table(headers, List.copyOf(rows.values()));
    }
}
