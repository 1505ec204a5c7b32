package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.report.Report;
import dev.ninbench.bench.report.ReportInputs;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.ScalingResult;
import dev.ninbench.bench.results.ThroughputRow;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code nin-bench scaling} end to end with the fake engine's JVMs, and the report's section made from its run. */
class ScalingCommandTest extends CliHarness {

    @Test
    void measuresEveryPointInRoundsWithThePeakOfItsThreadCountAndReportsIt() throws Exception {
        Path out = tmp.resolve("scaling");
        StringWriter err = new StringWriter();
        int status = run(err, "scaling", "--engines", "fake", "--input-sides", "68,72", "--thread-counts", "1,2",
                "--batch-size", "4", "--rounds", "2", "--warmup-iterations", "0", "--iterations", "2",
                "--iteration-time", "0.1", "--no-pytorch", "--out", out.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err);
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(runDir.getFileName().toString().endsWith("_scaling"), runDir.toString());
        // every point of every round has JMH's files of its own; the peak once per thread count
        for (String point : List.of("round-1/threads-1/side-68", "round-2/threads-2/side-72")) {
            assertTrue(Files.isRegularFile(runDir.resolve(point).resolve("fake-jmh.json")), point);
        }
        assertTrue(Files.isRegularFile(runDir.resolve("threads-1/fake-peak-jmh.json")));
        assertTrue(Files.isRegularFile(runDir.resolve("threads-2/fake-peak-jmh.json")));
        List<ScalingResult> results = ScalingResult.read(runDir.resolve(ScalingResult.FILE_NAME));
        assertEquals(List.of(1, 2), results.stream().map(ScalingResult::threads).toList());
        for (ScalingResult r : results) {
            EngineThroughput fake = r.engines().get(0);
            assertEquals("threads.intraop=" + r.threads(), "threads.intraop=" + fake.info().settings().get("threads.intraop"));
            // training only, one row per side, each with both rounds' scores
            assertEquals(List.of(68, 72), fake.rows().stream().map(ThroughputRow::inputSide).toList());
            for (ThroughputRow row : fake.rows()) {
                assertEquals(ThroughputRow.TRAIN, row.benchmark());
                assertEquals(2, row.rounds().size(), row.toString());
                assertTrue(row.rounds().stream().allMatch(x -> x > 0), row.toString());
                // the fork's CPU time over its measured iterations' wall time: measured, and no more than the cores
                assertTrue(row.coresBusy() > 0 && row.coresBusy() <= Runtime.getRuntime().availableProcessors() + 0.5,
                        row.toString());
            }
            assertTrue(r.peak().isPresent(), r.toString());
        }
        assertTrue(printed.matches("(?s).*\\nfake\\s+1\\s+4\\s+[0-9.]+ \\[[0-9.]+-[0-9.]+], \\d+ %, [0-9.]+\\s+[0-9.]+ .*"), printed);
        assertTrue(Files.size(runDir.resolve("scaling.png")) > 0);

        // the report: the figure, the newest run's table and every point in scaling.csv
        Path report = tmp.resolve("report");
        Report.write(ReportInputs.read(List.of(runDir)), List.of(runDir), report, 0.8, "nin-bench report");
        // the scaling section is on the history page, which the first page links
        String md = Files.readString(report.resolve("history.md"));
        assertTrue(Files.readString(report.resolve("README.md")).contains("[history.md](history.md)"));
        assertTrue(md.contains("## Scaling: how training cost grows with work") && md.contains("![scaling](scaling.png)"),
                md);
        assertTrue(md.contains("| engine | threads | batch | 68 px: img/s, % of peak, cores busy | 72 px: img/s, % of peak, cores busy |"), md);
        List<String> csv = Files.readAllLines(report.resolve("scaling.csv"));
        assertEquals(1 + 2 * 2, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(1).matches("[^,]+_scaling,\\d{4}-\\d{2}-\\d{2},[^,]*,.*,fake,1,68,4,[0-9.]+,[0-9.]+,[0-9.]+,2,"
                + "[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+"), csv.get(1));
        assertTrue(Files.size(report.resolve("scaling.png")) > 0);
    }

    @Test
    void aZeroThreadCountIsRefusedInOneLineBeforeAnythingRuns() {
        Path out = tmp.resolve("zero");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "scaling", "--engines", "fake", "--thread-counts", "0,2", "--out", out.toString()));
        assertEquals("nin-bench: --thread-counts must each be >= 1, got [0, 2]", err.toString().strip());
        assertFalse(Files.exists(out), "no run directory for a run that never started");
    }
}
