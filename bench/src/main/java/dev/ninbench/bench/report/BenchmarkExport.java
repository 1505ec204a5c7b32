package dev.ninbench.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The throughput figures as github-action-benchmark's {@code customBiggerIsBetter} tool reads them: a JSON array of
 * {@code {name, unit, value, range, extra}}, one entry per machine, engine (and variant), mode and batch size, in
 * img/s so that bigger is better and its alerts point the right way. The name carries everything that must match
 * between commits for a chart line to mean one thing (engine, mode, batch, input, machine); the run and commit go in
 * {@code extra}.
 */
public final class BenchmarkExport {
    /** The format's name, as {@code report --format} takes it. */
    public static final String FORMAT = "github-action-benchmark";

    /** One entry of the array. */
    public record Entry(String name, String unit, double value, String range, String extra) {
    }

    private BenchmarkExport() {
    }

    /** The entries of every throughput run, in the order of the runs and their rows. */
    public static List<Entry> entries(List<MeasuredEngine> runs) {
        List<Entry> entries = new ArrayList<>();
        for (MeasuredEngine r : runs) {
            for (ThroughputRow row : r.engine().rows()) {
                MedianInterval m = row.imagesOverRounds();
                String range = m.hasInterval() ? String.format(Locale.ROOT, "%.1f-%.1f", m.low(), m.high())
                        : Double.isNaN(row.imagesError()) ? "" : String.format(Locale.ROOT, "± %.1f", row.imagesError());
                entries.add(new Entry(String.format(Locale.ROOT, "%s %s batch %d, %d px (%s)", r.engine().engine(),
                        row.benchmark(), row.batchSize(), row.inputSide(), ReportTables.machine(r.machine())), "img/s",
                        Math.round(m.median() * 10) / 10.0, range, "run " + r.runId() + ", commit " + r.commit()
                        + (m.hasInterval() ? ", median of " + m.rounds() + " rounds" : "")));
            }
        }
        return entries;
    }

    /** The JSON array, pretty-printed. */
    public static String json(List<MeasuredEngine> runs) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(entries(runs)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the benchmark entries: " + e.getOriginalMessage(), e);
        }
    }
}
