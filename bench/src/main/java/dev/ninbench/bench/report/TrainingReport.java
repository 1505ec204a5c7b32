package dev.ninbench.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The training runs' part of the report: the accuracy table and chart, the seeds' spread, each run's per-step loss
 * and divergence charts, and the long-format CSVs.
 */
final class TrainingReport {
    private TrainingReport() {
    }

    /** Appends the sections to {@code md} and their files' paths to {@code written}. */
    /** Hand-written notes on the accuracy runs (not made by the report), linked from it when present. */
    static final String ACCURACY_NOTES = "accuracy-notes.md";
    /** Every step's loss of every run: gzipped, since it grows by some 330 kB a training run as text. */
    static final String STEPS_CSV = "steps.csv.gz";

    /** @param notes whether {@link #ACCURACY_NOTES} is next to the report, to link it */
    static void write(ReportInputs inputs, Path out, double targetAccuracy, boolean notes, StringBuilder md,
                      List<Path> written)
            throws IOException {
        Table accuracy = ReportTables.accuracy(inputs.accuracy(), targetAccuracy);
        written.add(Report.writeString(out.resolve("accuracy.csv"), accuracy.csv()));
        written.add(Report.writeString(out.resolve("epochs.csv"), LongCsvs.epochs(inputs.accuracy()).csv()));
        md.append("## Accuracy\n\n");
        // one recipe per chart (the first page's first): curves of other input sides or lengths would compare recipes
        List<TrainedEngine> charted = AccuracyComparison.chartedRecipe(inputs.accuracy());
        if (!charted.isEmpty()) {
            ReportCharts.accuracy(charted, targetAccuracy, inputs.suites(), out.resolve("accuracy.png"));
            written.add(out.resolve("accuracy.png"));
            md.append("![accuracy](accuracy.png)\n\n");
            if (ReportCharts.accuracyTime(timed(charted, targetAccuracy), targetAccuracy, inputs.suites(),
                    out.resolve("accuracy-time.png"))) {
                written.add(out.resolve("accuracy-time.png"));
                md.append("![accuracy against wall-clock seconds](accuracy-time.png)\n\n");
            }
        }
        String target = String.format(Locale.ROOT, "%.2f", targetAccuracy);
        md.append(Prose.fill("accuracy", Map.of("target", target)));
        if (notes) {
            md.append("Where the curves part and why, measured: [accuracy notes](").append(ACCURACY_NOTES)
                    .append(").\n\n");
        }
        List<AccuracyComparison> comparisons = AccuracyComparison.of(inputs.accuracy());
        if (!comparisons.isEmpty()) {
            md.append("### Final test accuracy, every recipe\n\n")
                    .append(AccuracyTables.of(comparisons, targetAccuracy, true).markdown())
                    .append("\nEvery machine and recipe with finished runs, newest first; the first page shows, per ")
                    .append("dropout mode, the newest machine's recipe with the most seeds. Columns and verdicts as ")
                    .append("there.\n\n");
            for (AccuracyComparison c : comparisons) {
                String note = c.cpuNote(comparisons.stream().filter(o -> o.machine().equals(c.machine())).toList());
                if (!note.isEmpty()) {
                    md.append("**").append(c.machine()).append(", ").append(c.recipe()).append("**: ").append(note)
                            .append("\n\n");
                }
            }
        }
        md.append(AccuracyComparison.perEpochMarkdown(comparisons));
        seeds(inputs, out, targetAccuracy, md, written);
        escape(inputs, out, md, written);
        steps(inputs, out, md, written);
    }

    private static void seeds(ReportInputs inputs, Path out, double targetAccuracy, StringBuilder md,
                              List<Path> written) throws IOException {
        List<SeedBands> groups = SeedBands.of(inputs.accuracy());
        if (groups.isEmpty()) {
            return;
        }
        Table seeds = SeedBands.table(groups);
        written.add(Report.writeString(out.resolve("seeds.csv"), IntervalCsvs.seeds(groups).csv()));
        md.append("## Seeds\n\n").append(seeds.markdown())
                .append("\nRuns that differ only in their seed (`train --seeds`: the same machine, profile, spec, ")
                .append("batch, learning rate, epochs and dropout mode), per engine: the mean test accuracy per ")
                .append("epoch over the seeds and its min–max (the accuracy chart's vertical lines). This spread is the ")
                .append("recipe's own; a difference between engines smaller than it says nothing about the engines. ")
                .append("Same rows: [seeds.csv](seeds.csv).\n\n");
    }

    /** When each run left the loss plateau, against its final accuracy: {@code escape.csv}, a chart, a section. */
    private static void escape(ReportInputs inputs, Path out, StringBuilder md, List<Path> written) throws IOException {
        List<PlateauEscape> escapes = PlateauEscape.of(inputs.accuracy(), inputs.steps());
        if (escapes.isEmpty()) {
            return;
        }
        written.add(Report.writeString(out.resolve("escape.csv"), PlateauEscape.csv(escapes).csv()));
        md.append("## Leaving the loss plateau\n\n");
        // one recipe per chart, the accuracy chart's: other lengths or sides end at other accuracies
        List<TrainedEngine> charted = AccuracyComparison.chartedRecipe(inputs.accuracy());
        java.util.Optional<org.knowm.xchart.XYChart> chart = PlateauEscape.chart(escapes.stream()
                .filter(e -> charted.contains(e.run())).toList(), inputs.suites());
        if (chart.isPresent()) {
            ChartStyle.save(chart.get(), out.resolve("escape.png"));
            written.add(out.resolve("escape.png"));
            md.append("![final accuracy against escape step](escape.png)\n\n");
        }
        md.append("The escape step of a run is the first step at which the mean loss of its last ")
                .append(RunSteps.SMOOTHING_STEPS).append(" steps falls below ").append(PlateauEscape.ESCAPE_LOSS)
                .append(" (NiN starts near ln 10 = 2.30). Where final accuracy follows it, the spread over seeds is ")
                .append("mostly when each run escaped, which rounding decides once the engines' losses part. Every ")
                .append("run's step and accuracy: [escape.csv](escape.csv); the chart shows the runs of the ")
                .append("accuracy chart's recipe. The rows of one seed share their start, so Pearson's r gets two ")
                .append("intervals, one too narrow (every run independent) and one too wide (only the seeds); a link ")
                .append("is claimed only when both exclude 0.\n\n")
                .append(PlateauEscape.markdown(escapes));
    }

    private static void steps(ReportInputs inputs, Path out, StringBuilder md, List<Path> written) throws IOException {
        List<RunSteps> runs = inputs.steps();
        if (runs.isEmpty()) {
            return;
        }
        List<RunSteps> withSteps = runs.stream().filter(r -> !r.byEngine().isEmpty()).toList();
        md.append("## Training loss per step\n\n");
        if (!withSteps.isEmpty()) {
            written.add(Report.writeGzip(out.resolve(STEPS_CSV), LongCsvs.steps(withSteps).csv()));
            md.append("From each run directory's `steps/<engine>.csv`, one chart set per training run directory. ")
                    .append("Loss: the training loss (dropout on) as a moving average over the last ")
                    .append(RunSteps.SMOOTHING_STEPS).append(" steps; x is the global step (the steps of earlier ")
                    .append("epochs added). Divergence: |loss(engine) − loss(PyTorch)| at each step, the median of ")
                    .append("each bin of steps (as many as leave about ").append(StepCharts.BINS).append(" bins), on ")
                    .append("a log scale; differences below ")
                    .append(RunSteps.floor())
                    .append(" (zero included) are drawn at it. Every step's loss: [").append(STEPS_CSV).append("](")
                    .append(STEPS_CSV).append(") (gzipped CSV).\n\n");
        }
        for (RunSteps run : withSteps) {
            String loss = StepCharts.fileName("loss", run.runId());
            Provenance provenance = Provenance.of(inputs.accuracy().stream().filter(a -> a.runId().equals(run.runId()))
                    .map(TrainedEngine::machine).toList(), List.of(run.runId()), inputs.suites());
            StepCharts.loss(run, provenance, out.resolve(loss));
            written.add(out.resolve(loss));
            md.append("### ").append(run.runId()).append("\n\n![loss per step](").append(loss).append(")\n\n");
            if (run.hasReference() && !run.comparedEngines().isEmpty()) {
                String divergence = StepCharts.fileName("divergence", run.runId());
                StepCharts.divergence(run, provenance, out.resolve(divergence));
                written.add(out.resolve(divergence));
                md.append("![divergence from PyTorch](").append(divergence).append(")\n\n");
            } else {
                md.append("No divergence chart: the run has no ").append(run.hasReference() ? "engine besides PyTorch"
                        : "PyTorch row").append(" with per-step losses.\n\n");
            }
        }
        List<String> without = runs.stream().filter(r -> r.byEngine().isEmpty()).map(RunSteps::runId).toList();
        if (!without.isEmpty()) {
            md.append("No per-step losses (runs from before `steps/` was kept, or whose files were unreadable, see ")
                    .append("Skipped): ").append(without.stream().map(id -> "`" + id + "`")
                            .collect(Collectors.joining(", "))).append(".\n\n");
        }
    }

    /**
     * The charted runs whose seconds compare engines: those that had the machine to themselves (a busy machine's
     * would rank its neighbours), on the CPU of the newest of them (one machine name can cover two CPU generations,
     * and seconds from both on one axis would compare the CPUs).
     */
    static List<TrainedEngine> timed(List<TrainedEngine> charted, double target) {
        List<TrainedEngine> alone = charted.stream().filter(r -> r.hadMachineToItself(target)).toList();
        return alone.stream().max(Comparator.comparing(TrainedEngine::runId)).map(TrainedEngine::machine)
                .map(cpu -> alone.stream().filter(r -> ReportTables.machine(r.machine()).equals(ReportTables.machine(cpu))
                        && r.machine().cpuFlags().equals(cpu.cpuFlags())).toList())
                .orElse(List.of());
    }
}
