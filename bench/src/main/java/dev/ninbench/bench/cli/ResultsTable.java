package dev.ninbench.bench.cli;

import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.core.train.EpochResult;
import java.util.List;
import java.util.stream.Collectors;

/** The table printed at the end of {@code train}: one row per engine, failed ones marked with the reason. */
final class ResultsTable {
    private ResultsTable() {
    }

    static String render(List<EngineResult> results) {
        StringBuilder sb = new StringBuilder();
        int width = Math.max(16, results.stream().mapToInt(r -> r.info() == null ? 1 : r.info().engine().length()).max().orElse(16));
        int nameWidth = Math.max(6, results.stream().mapToInt(r -> r.engine().length()).max().orElse(6));
        String row = "%-" + nameWidth + "s %-" + width + "s %-8s %-28s %9s %9s%n";
        sb.append(String.format(row, "engine", "engine (version)", "status",
                "test accuracy per epoch", "s/epoch", "img/s"));
        for (EngineResult r : results) {
            String acc = r.epochs().stream().map(e -> String.format("%.4f", e.testAccuracy())).collect(Collectors.joining(" "));
            double seconds = r.epochs().stream().mapToDouble(EpochResult::trainSeconds).average().orElse(Double.NaN);
            double ips = r.epochs().stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(Double.NaN);
            sb.append(String.format(row.replace("%9s %9s", "%9.1f %9.1f"), r.engine(),
                    r.info() == null ? "?" : r.info().engine(), r.ok() ? "ok" : "FAILED", acc.isEmpty() ? "-" : acc,
                    seconds, ips));
        }
        for (EngineResult r : results) {
            if (!r.ok()) {
                sb.append(String.format("%s failed (%d epoch(s) kept): %s%n", r.engine(), r.epochs().size(), r.failure()));
            }
        }
        return sb.toString();
    }
}
