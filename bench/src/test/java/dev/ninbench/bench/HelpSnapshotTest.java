package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command's {@code --help}, as users read it, against a snapshot under {@code src/test/resources/help}: a change
 * to the command line shows up in review as a change to those files. After a deliberate change, rewrite them with
 * {@code mvn test -pl core,bench -Dtest=HelpSnapshotTest -Dninbench.help.update=true}.
 */
class HelpSnapshotTest {
    private static final Path SNAPSHOTS = Path.of("src/test/resources/help");

    @TestFactory
    List<DynamicTest> everyHelpIsAsInItsSnapshot() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("nin-bench", () -> check("nin-bench", NinBench.commandLine())));
        NinBench.commandLine().getSubcommands().forEach((name, command) -> tests.add(
                DynamicTest.dynamicTest(name, () -> check(name, command))));
        return tests;
    }

    private static void check(String name, CommandLine command) throws IOException {
        StringWriter help = new StringWriter();
        command.setUsageHelpWidth(100);
        command.usage(new PrintWriter(help, true), CommandLine.Help.Ansi.OFF);
        Path snapshot = SNAPSHOTS.resolve(name + ".txt");
        if (Boolean.getBoolean("ninbench.help.update")) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(snapshot, help.toString(), StandardCharsets.UTF_8);
            return;
        }
        String expected = Files.isRegularFile(snapshot) ? Files.readString(snapshot, StandardCharsets.UTF_8)
                : "(no snapshot " + snapshot + ": run with -Dninbench.help.update=true)";
        assertEquals(expected, help.toString(), name + " --help differs from " + snapshot
                + "; if the change is meant, rewrite the snapshots with -Dninbench.help.update=true");
    }
}
