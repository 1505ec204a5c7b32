package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/ab.sh (interleaved A/B throughput runs), tools/ab_summary.py and tools/seed-study.sh, without running a
 * benchmark or a training.
 */
class AbToolTest {
    private static final Path TOOLS = Path.of("..", "tools");

    @TempDir
    Path tmp;

    private record Result(int status, String output) {
    }

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void theScriptParsesAndSaysHowToUseIt() throws Exception {
        String script = TOOLS.resolve("ab.sh").toAbsolutePath().toString();
        assertEquals(0, run(tmp, "bash", "-n", script).status());
        Result usage = run(tmp, "bash", script);
        assertEquals(2, usage.status());
        assertTrue(usage.output().contains("tools/ab.sh NAME ROUNDS"), usage.output());
    }

    @Test
    void theSeedStudyParsesSaysHowToUseItAndRefusesBadSeeds() throws Exception {
        String script = TOOLS.resolve("seed-study.sh").toAbsolutePath().toString();
        assertEquals(0, run(tmp, "bash", "-n", script).status());
        Result usage = run(tmp, "bash", script);
        assertEquals(2, usage.status());
        assertTrue(usage.output().contains("tools/seed-study.sh PROFILE SEEDS ENGINES"), usage.output());
        Result bad = run(tmp, "bash", script, "seeds", "1,x", "pytorch");
        assertEquals(2, bad.status());
        assertTrue(bad.output().contains("SEEDS must be numbers separated by commas, not '1,x'"), bad.output());
    }

    /**
     * A seed whose run finished is skipped only when the run matches the study, PyTorch's row included: as in
     * {@code train}, that row trains unless --no-pytorch is given. The script runs in a copy of the tree whose
     * {@code nin-bench} only says what it was asked.
     */
    @Test
    void theSeedStudyMatchesARunByWhetherPyTorchsRowTrained() throws Exception {
        assumeTrue(run(tmp, "python3", "--version").status() == 0, "no python3");
        Files.createDirectories(tmp.resolve("tools"));
        Files.copy(TOOLS.resolve("seed-study.sh"), tmp.resolve("tools/seed-study.sh"));
        Files.writeString(tmp.resolve("nin-bench"), "#!/bin/sh\necho \"nin-bench $*\"\n");
        assertTrue(tmp.resolve("nin-bench").toFile().setExecutable(true));
        Path runDir = Files.createDirectories(tmp.resolve("results/runs/r1"));
        Files.writeString(runDir.resolve("run.json"), "{\"profile\": \"seeds\", \"engines\": [\"djl-idiomatic\"], "
                + "\"pytorch\": null, \"config\": {\"seed\": 1, \"epochs\": 5, \"dropout\": \"engine\"}}");
        Files.writeString(runDir.resolve("engines.json"), "{\"djl-idiomatic\": {\"lastEpoch\": 5}}");
        String script = tmp.resolve("tools/seed-study.sh").toString();
        Result without = run(tmp, "bash", script, "seeds", "1", "djl-idiomatic", "--dropout", "engine", "--no-pytorch");
        assertEquals(0, without.status(), without.output());
        assertTrue(without.output().contains("seed-study: seed 1 finished in results/runs/r1"), without.output());
        Result with = run(tmp, "bash", script, "seeds", "1", "djl-idiomatic", "--dropout", "engine");
        assertTrue(with.output().contains("seed-study: seed 1 starts"), with.output());
        assertTrue(with.output().contains("nin-bench train --profile seeds --seeds 1 --engines djl-idiomatic "
                + "--dropout engine"), with.output());
    }

    /** A variant from a checkout that is not there stops the A/B before any run, and writes nothing. */
    @Test
    void aMissingCheckoutStopsBeforeAnyRun() throws Exception {
        Path script = TOOLS.resolve("ab.sh").toAbsolutePath();
        Result r = run(tmp, "env", "AB_OUT=" + tmp.resolve("ab"), "bash", script.toString(), "x", "2",
                "base@no-such-checkout:", "other:", "--", "--engines", "tf");
        assertEquals(2, r.status(), r.output());
        assertTrue(r.output().contains("variant 'base': no nin-bench checkout at 'no-such-checkout'"), r.output());
        assertFalse(Files.exists(tmp.resolve("ab")), "nothing written");
    }

    @Test
    void theSummaryGivesEachRoundsRatioToBase() throws Exception {
        assumeTrue(run(tmp, "python3", "--version").status() == 0, "no python3");
        double[][] imagesPerSecond = {{100, 110}, {200, 180}}; // base, switch; per round
        for (int round = 0; round < 2; round++) {
            write("base", round, imagesPerSecond[0][round]);
            write("switch", round, imagesPerSecond[1][round]);
        }
        Result r = run(tmp, "python3", TOOLS.resolve("ab_summary.py").toAbsolutePath().toString(), tmp.toString());
        assertEquals(0, r.status(), r.output());
        List<String> lines = new ArrayList<>(r.output().lines().toList());
        assertEquals("== switch over base (2 rounds)", lines.get(0));
        assertTrue(lines.get(1).contains("ratio median 1.82 [1.64-2.00]"), lines.get(1));
    }

    private void write(String variant, int round, double imagesPerSecond) throws IOException {
        Path run = Files.createDirectories(tmp.resolve(variant).resolve("2026-12-01_000" + round + "_vm_throughput-cpu"));
        Files.writeString(run.resolve("throughput.json"), "{\"tf\": {\"rows\": [{\"benchmark\": \"trainStep\", "
                + "\"batchSize\": 128, \"imagesPerSecond\": " + imagesPerSecond + "}]}}");
    }
}
