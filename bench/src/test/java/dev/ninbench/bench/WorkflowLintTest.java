package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The GitHub workflows a fork runs: valid by the workflow schema (@action-validator/cli, which .ci/install installs),
 * installing what .ci/run installs, and running the README's test command, so a typo fails here before a fork runs it.
 */
class WorkflowLintTest {
    private static final Path ROOT = Path.of("..");
    private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");

    private static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyWorkflowIsValid() throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "action-validator")));
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "action-validator is not installed here (bash .ci/install installs it)");
        }
        assertTrue(installed, "action-validator is missing in CI: .ci/install should have installed it");
        for (Path workflow : workflows()) {
            Process p = new ProcessBuilder("action-validator", workflow.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), workflow + ": " + out);
        }
    }

    @Test
    void theWorkflowsInstallWhatCiInstallsAndRunTheReadmesCommands() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String ciRun = Files.readString(ROOT.resolve(".ci/run"));
        assertTrue(ciRun.contains("bash .ci/install"), ".ci/run installs through .ci/install");
        String testCommand = "mvn -B -ntp verify";
        assertTrue(readme.contains(testCommand) && ciRun.contains(testCommand));
        String ci = Files.readString(WORKFLOWS.resolve("ci.yml"));
        assertTrue(ci.contains("run: sudo bash .ci/install") && ci.contains("run: " + testCommand), ci);
        String bench = Files.readString(WORKFLOWS.resolve("bench.yml"));
        assertTrue(bench.contains("run: sudo bash .ci/install"), bench);
        // the main job of the README's first lines, on every machine of the matrix
        assertTrue(readme.contains("./nin-bench train --profile smoke") && bench.contains("./nin-bench train --profile smoke"));
        assertTrue(bench.contains("--format github-action-benchmark") && bench.contains("tool: customBiggerIsBetter"));
    }
}
