package dev.ninbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void defaultRunDirectoriesAreTheFoldersUnderRunsOldestFirst() throws Exception {
        Path runs = tmp.resolve("results/runs");
        Files.createDirectories(runs.resolve("2026-11-24_0900_b_cpu"));
        Files.createDirectories(runs.resolve("2026-11-23_0900_a_cpu"));
        Files.writeString(runs.resolve("notes.txt"), "not a run");
        assertEquals(List.of(runs.resolve("2026-11-23_0900_a_cpu"), runs.resolve("2026-11-24_0900_b_cpu")),
                ReportCommand.everyRunDirectory(runs));
        assertEquals(List.of(), ReportCommand.everyRunDirectory(tmp.resolve("missing")));
    }

    /**
     * Runs collected from two machines (as a matrix job's artifacts are: a folder per machine, copies of real run
     * directories) make one report: a summary per machine and the table that sets their ratios side by side.
     */
    @Test
    void runsFromSeveralMachinesMergeIntoOneReport() throws Exception {
        Path machines = Path.of(getClass().getResource("/machines").toURI());
        Path intel = machines.resolve("intel-xeon/2026-11-23_1544_vm_throughput-cpu");
        Path amd = machines.resolve("amd-epyc/2026-12-01_0951_vm_throughput-cpu");
        Path out = tmp.resolve("merged");
        picocli.CommandLine cl = dev.ninbench.bench.NinBench.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(0, cl.execute("report", intel.toString(), amd.toString(), "--out", out.toString()),
                err.toString());
        String history = Files.readString(out.resolve("history.md"));
        int across = history.indexOf("### Across machines");
        assertTrue(across > 0, history);
        String table = history.substring(across, history.indexOf("\n\n", history.indexOf("| ---", across)));
        assertTrue(table.contains("| engine | mode | Intel(R) Xeon(R) Processor, 2 cores (vm) "
                + "(2026-11-23_1544_vm_throughput-cpu) | AMD EPYC, 2 cores (vm) (2026-12-01_0951_vm_throughput-cpu) |"),
                table);
        // each cell a ratio of two rows of one run: dl4j's training against PyTorch on each machine
        assertTrue(table.contains("| dl4j | train | 1.10x (batch 128) | 1.05x ["), table);
        // the first page opens on the newest machine
        assertTrue(Files.readString(out.resolve("README.md")).contains("## Speed on AMD EPYC"), "first page");
    }

    /** A second report in the same folder removes the charts and CSVs the first made and it does not; notes stay. */
    @Test
    void aChartThisReportNoLongerMakesIsRemovedAndNotesStay() throws Exception {
        Path amd = Path.of(getClass().getResource("/machines/amd-epyc/2026-12-01_0951_vm_throughput-cpu").toURI());
        Path out = tmp.resolve("results");
        picocli.CommandLine cl = dev.ninbench.bench.NinBench.commandLine();
        assertEquals(0, cl.execute("report", amd.toString(), "--out", out.toString()));
        Files.writeString(out.resolve("accuracy-time.png"), "a chart of an earlier report");
        Files.writeString(out.resolve("notes.md"), "# written by hand");
        Files.createDirectories(out.resolve("mllog/2026-01-01_0000_x_cpu"));
        Files.writeString(out.resolve("mllog/2026-01-01_0000_x_cpu/pytorch.log"), ":::MLLOG {}");
        assertEquals(0, dev.ninbench.bench.NinBench.commandLine().execute("report", amd.toString(), "--out",
                out.toString()));
        assertTrue(!Files.exists(out.resolve("accuracy-time.png")) && !Files.exists(out.resolve("mllog/2026-01-01_0000_x_cpu")));
        assertTrue(Files.exists(out.resolve("notes.md")) && Files.exists(out.resolve("throughput.csv")));
        // a folder that holds no report keeps its own files
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("mine.csv"), "a,b\n");
        assertEquals(0, dev.ninbench.bench.NinBench.commandLine().execute("report", amd.toString(), "--out",
                other.toString()));
        assertTrue(Files.exists(other.resolve("mine.csv")));
    }
}
