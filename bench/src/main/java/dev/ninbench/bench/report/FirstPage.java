package dev.ninbench.bench.report;

import dev.ninbench.core.machine.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code README.md} of the results: the first screen ({@link FirstScreen}), the charts, and links to the history
 * page, the CSVs with their column dictionary, and the notes. Nothing on it is older than the newest machine's runs.
 */
final class FirstPage {
    private FirstPage() {
    }

    /** @param ratioChart the Markdown image of the ratio chart, or "" when there is none */
    static String markdown(ReportInputs inputs, String command, List<Path> written, Path dir, String ratioChart,
                           double target, boolean performanceNotes, boolean accuracyNotes) {
        StringBuilder md = new StringBuilder("# Results: NiN on Java engines, Fashion-MNIST\n\n");
        md.append("Which Java engine trains the d2l NiN fastest on a CPU, by how much against PyTorch, and does any ")
                .append("train it to a different accuracy? Made by `").append(command).append("` from the run ")
                .append("directories under `runs/`; do not edit it, run the command again.\n\n");
        md.append(FirstScreen.speed(inputs.throughput()));
        md.append(FirstScreen.accuracy(inputs.accuracy(), target));
        md.append(FirstScreen.caveats(caveats(inputs)));
        String charts = ratioChart + (written.contains(dir.resolve("accuracy.png"))
                ? "![test accuracy per epoch, each engine's mean and its seeds' range](accuracy.png)\n\n" : "");
        if (!charts.isEmpty()) {
            md.append("## Charts\n\n").append(charts);
        }
        md.append("## More\n\n")
                .append("- [history.md](history.md): every published run on every machine (older machines, repeats and ")
                .append("what changed between them), scaling, per-step losses, failures, the machines in full.\n")
                .append("- The figures one number a cell: ").append(written.stream().filter(Report::isCsv)
                        .map(p -> p.getFileName().toString()).map(n -> "[" + n + "](" + n + ")")
                        .collect(Collectors.joining(", "))).append("; what each column holds: [")
                .append(ColumnDictionary.FILE_NAME).append("](").append(ColumnDictionary.FILE_NAME).append(").\n");
        if (performanceNotes) {
            md.append("- [Performance notes](").append(Report.PERFORMANCE_NOTES).append("): per engine, what its tuned ")
                    .append("path does, what each step is worth and what limits it, measured.\n");
        }
        if (accuracyNotes) {
            md.append("- [Accuracy notes](").append(TrainingReport.ACCURACY_NOTES).append("): why the seeds spread ")
                    .append("and how the seed study's recipe is chosen, measured.\n");
        }
        return md.append('\n').toString();
    }

    /** The known caveats of the engines and machines of the published runs. */
    private static List<Caveat> caveats(ReportInputs inputs) {
        Set<String> engines = new LinkedHashSet<>();
        List<Environment> machines = new ArrayList<>();
        inputs.throughput().forEach(t -> {
            engines.add(t.engine().engine());
            machines.add(t.machine());
        });
        inputs.accuracy().forEach(a -> {
            engines.add(a.engine().name());
            machines.add(a.machine());
        });
        return Caveat.concerning(engines, machines);
    }
}
