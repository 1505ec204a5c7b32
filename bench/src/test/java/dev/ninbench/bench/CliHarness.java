package dev.ninbench.bench;


import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher end to end, with engine JVMs that hold the fake engine from core's test-jar (no native library):
 * each run starts real child JVMs, as with the real engines.
 */
/**
 * The launcher's command line in this JVM, with engine JVMs that hold the fake engine from core's test-jar (no native
 * library): each run starts real child JVMs, as with the real engines. Standard output is captured in {@link #stdout}.
 */
abstract class CliHarness {
    @TempDir
    protected Path tmp;

    protected final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream realOut;

    @BeforeEach
    void engines() throws Exception {
        Path ok = fakeEngine("fake", "");
        Path crashing = fakeEngine("crashy", "env.NINBENCH_FAKE=crash\n");
        System.setProperty("ninbench.engines.path", ok + File.pathSeparator + crashing);
        realOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.clearProperty("ninbench.engines.path");
    }

    /** An engine folder whose JVM runs the fake engine on this test's classpath. */
    protected Path fakeEngine(String name, String extra) throws Exception {
        return FakeEngines.folder(tmp, name, extra);
    }

    protected int run(StringWriter err, String... args) {
        CommandLine cl = NinBench.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    protected List<RunRecord> records(Path out) throws Exception {
        try (Stream<Path> dirs = Files.list(out)) {
            Path run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            return RunRecords.read(run.resolve(RunRecords.FILE_NAME));
        }
    }

}
