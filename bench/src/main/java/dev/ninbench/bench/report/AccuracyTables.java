package dev.ninbench.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The final-accuracy table of some recipes' comparisons: the first page's, one recipe at a time, and the history's,
 * every recipe of every machine in one table. One builder, so the two never disagree on a cell.
 */
final class AccuracyTables {
    private AccuracyTables() {
    }

    /** The rows of {@code comparisons}; with {@code recipeColumns}, each row names its machine and recipe. */
    static Table of(List<AccuracyComparison> comparisons, double target, boolean recipeColumns) {
        List<String> headers = new ArrayList<>(recipeColumns ? List.of("machine", "recipe") : List.of());
        headers.addAll(List.of("engine", "path", "seeds", "final test accuracy, mean [min-max]",
                "minus PyTorch, mean [95 % interval]", "verdict",
                "epoch reaching " + ReportTables.number(target, 2) + ", per seed"));
        List<List<String>> rows = new ArrayList<>();
        for (AccuracyComparison c : comparisons) {
            for (AccuracyComparison.Row r : c.rows()) {
                List<String> row = new ArrayList<>(recipeColumns ? List.of(c.machine(), c.recipe()) : List.of());
                row.addAll(List.of("**" + r.engine().name() + "**", FirstScreen.path(r.engine()),
                        String.valueOf(r.seeds()), r.describe(), r.difference() == null ? "-" : r.difference().format()
                                + (r.difference().hasInterval() ? " (" + r.difference().method().words() + ")" : ""),
                        caveated(r) ? "not evidence: ran on a CPU it computes wrong on (see the caveats)" : r.verdict(),
                        r.epochsTo(target)));
                rows.add(row);
            }
        }
        return new Table(headers, rows);
    }

    /** Whether a known caveat voids one of the row's runs: it may have computed wrong there ({@link Caveat#voids}). */
    private static boolean caveated(AccuracyComparison.Row r) {
        return r.runs().values().stream().anyMatch(t -> Caveat.voids(t.engine(), t.machine()));
    }
}
