package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.core.engine.FakeBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher's own limits, said in one line: a heap too small for it, a path its JVM cannot name. */
class LauncherLimitsTest {
    @Test
    void aHeapTooSmallIsOneLineNamingTheLimitAndWhatItNeeds() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), NinBench.class.getName(), "data"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("nin-bench: the launcher ran out of Java heap (its limit: "), out);
        assertTrue(out.contains("it needs about 128 MiB: raise -Xmx or leave it out"), out);
        assertTrue(!out.contains("\tat "), "no stack trace: " + out);
        assertTrue(NinBench.outOfHeap(32L << 20, "-Xmx32m").endsWith("(its limit: 32 MiB, from -Xmx in "
                + "JAVA_TOOL_OPTIONS); it needs about 128 MiB: raise -Xmx in JAVA_TOOL_OPTIONS or leave it out"));
    }

    @Test
    void aPathTheJvmCannotNameSaysWhy() {
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = NinBench.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(2, cl.execute("train", "--out", "runs\0x"));
        assertTrue(err.toString().startsWith("Invalid value for option '--out': 'runs\0x' is not a path this JVM can "
                + "use (Nul character not allowed; file names are encoded as "), err.toString());
        assertTrue(err.toString().contains("for names outside ASCII, run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8"));
    }
}
