package dev.ninbench.bench.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.bench.FakeEngines;
import dev.ninbench.bench.NinBench;
import dev.ninbench.core.engine.FakeBackend;
import dev.ninbench.core.record.RunRecords;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher when things go wrong around it: killed with {@code kill -9} while an engine trains, and a second writer
 * for the same run directory. The launcher runs as a process of its own here, as a user starts it.
 */
class LauncherFaultsTest {
    @TempDir
    Path tmp;

    @Test
    void anEngineJvmEndsSoonAfterItsLauncherIsKilledAndASecondWriterIsRefusedMeanwhile() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path engine = FakeEngines.folder(tmp, "slow", "env.NINBENCH_FAKE=slow\n");
        Path out = tmp.resolve("runs");
        Process launcher = launcher(engine, out, tmp.resolve("launcher.log"));
        try {
            ProcessHandle worker = awaitWorker(launcher);
            Path runDir = runDirectory(out);

            // a second writer (a resume of the same run) is refused while the first one holds the directory
            StringWriter err = new StringWriter();
            assertEquals(2, cli(err).execute("train", "--resume", runDir.toString()));
            assertTrue(err.toString().contains(runDir + " is being written by another nin-bench (pid "
                    + launcher.pid()), err.toString());

            launcher.destroyForcibly(); // kill -9: no shutdown hook runs
            launcher.waitFor(10, TimeUnit.SECONDS);
            worker.onExit().completeOnTimeout(worker, 15, TimeUnit.SECONDS).get();
            assertFalse(worker.isAlive(), "the engine JVM outlived its launcher by 15 s");
            assertTrue(Files.readString(runDir.resolve("slow.log")).contains("its launcher (pid " + launcher.pid()
                    + ") is gone; this engine JVM stops"), Files.readString(runDir.resolve("slow.log")));

            // the resume ends with the records of an uninterrupted run, no epoch twice
            System.setProperty("ninbench.engines.path", engine.toString());
            assertEquals(0, cli().execute("train", "--resume", runDir.toString()));
            assertEquals(uninterrupted(engine), epochs(runDir));
        } finally {
            System.clearProperty("ninbench.engines.path");
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    /**
     * SIGTERM to the launcher (as Ctrl-C, or a scheduler's stop, sends): the engine stops between two steps, the
     * launcher says which epochs are kept and how to go on, engines.json says "interrupted", and the resume finishes
     * the run with every epoch once.
     */
    @Test
    void aSignalStopsTheEngineBetweenStepsAndTheLauncherSaysHowToGoOn() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path engine = FakeEngines.folder(tmp, "slow", "env.NINBENCH_FAKE=slow\n");
        Path out = tmp.resolve("runs");
        Path log = tmp.resolve("launcher.log");
        Process launcher = launcher(engine, out, log);
        try {
            ProcessHandle worker = awaitWorker(launcher);
            Path runDir = runDirectory(out);
            for (int i = 0; i < 600 && (!Files.exists(runDir.resolve(RunRecords.FILE_NAME))
                    || epochs(runDir).isEmpty()); i++) {
                Thread.sleep(100); // an epoch finished: there is something to keep
            }
            launcher.destroy(); // SIGTERM
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher did not end within 60 s of SIGTERM");
            String printed = Files.readString(log);
            assertEquals(143, launcher.exitValue(), printed);
            assertFalse(worker.isAlive(), "the engine JVM outlived its launcher");
            assertTrue(printed.contains("interrupted by SIGTERM; every finished epoch is kept"), printed);
            assertTrue(printed.contains("to go on: nin-bench train --resume " + runDir), printed);
            String outcomes = Files.readString(runDir.resolve("engines.json"));
            assertTrue(outcomes.contains("\"failure\" : \"interrupted by SIGTERM in epoch "), outcomes);
            assertFalse(Files.readString(runDir.resolve("slow.log")).contains("SIGSEGV"));
            try (Stream<Path> files = Files.list(runDir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("hs_err")), "a JVM crash report");
            }

            System.setProperty("ninbench.engines.path", engine.toString());
            assertEquals(0, cli().execute("train", "--resume", runDir.toString()));
            assertEquals(List.of(1, 2, 3, 4, 5), epochs(runDir).stream().map(e -> (Integer) e.get(1)).toList());
        } finally {
            System.clearProperty("ninbench.engines.path");
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    /** An engine JVM killed with kill -9 mid-epoch: the launcher says so, and the resume ends as if it never was. */
    @Test
    void anEngineJvmKilledMidEpochIsReportedAndTheResumeEndsAsIfNeverKilled() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path engine = FakeEngines.folder(tmp, "slow", "env.NINBENCH_FAKE=slow\n");
        System.setProperty("ninbench.engines.path", engine.toString());
        try {
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(2000);
                    ProcessHandle worker = awaitChild(ProcessHandle.current());
                    Thread.sleep(3000); // into its epochs
                    worker.destroyForcibly();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            Path out = tmp.resolve("runs");
            StringWriter err = new StringWriter();
            PrintStream realOut = System.out;
            java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
            System.setOut(new PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            int status;
            try {
                status = cli(err).execute(trainArgs(out));
            } finally {
                System.setOut(realOut);
            }
            killer.join();
            assertEquals(1, status, printed.toString());
            assertTrue(printed.toString().contains("the slow JVM died with SIGKILL"), printed.toString());
            Path runDir = runDirectory(out);
            assertEquals(0, cli().execute("train", "--resume", runDir.toString()));
            assertEquals(uninterrupted(engine), epochs(runDir));
        } finally {
            System.clearProperty("ninbench.engines.path");
        }
    }

    /** {@code nin-bench train} ({@link #trainArgs}) as a process of its own, as a user starts it; its output to log. */
    private static Process launcher(Path engine, Path out, Path log) throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dninbench.engines.path=" + engine, "-cp", System.getProperty("java.class.path"),
                NinBench.class.getName()));
        cmd.addAll(List.of(trainArgs(out)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String[] trainArgs(Path out) {
        return new String[] {"train", "--engines", "slow", "--epochs", "5", "--train-limit", "6400", "--test-limit",
            "64", "--batch-size", "64", "--no-pytorch", "--out", out.toString()};
    }

    /** The epochs (number, train loss, test accuracy) of an uninterrupted run of {@link #trainArgs}. */
    private List<List<Object>> uninterrupted(Path engine) throws Exception {
        Path out = tmp.resolve("uninterrupted");
        System.setProperty("ninbench.engines.path", engine.toString());
        assertEquals(0, cli().execute(trainArgs(out)));
        return epochs(runDirectory(out));
    }

    /** Every record's epoch, train loss and test accuracy, in file order: what must not depend on an interruption. */
    private static List<List<Object>> epochs(Path runDir) {
        return RunRecords.read(runDir.resolve(RunRecords.FILE_NAME)).stream()
                .map(r -> List.<Object>of(r.engine().name(), r.epoch().epoch(), r.epoch().trainLoss(),
                        r.epoch().testAccuracy())).toList();
    }

    private static picocli.CommandLine cli() {
        return cli(new StringWriter());
    }

    private static picocli.CommandLine cli(StringWriter err) {
        picocli.CommandLine cl = NinBench.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    /** The first engine JVM {@code parent} starts. */
    private static ProcessHandle awaitChild(ProcessHandle parent) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Optional<ProcessHandle> child = parent.children().filter(c -> c.info().commandLine()
                    .map(line -> line.contains("EngineWorker")).orElse(false)).findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no engine JVM within 60 s");
    }

    /** The engine JVM, once the launcher has started it and it has begun to train. */
    private static ProcessHandle awaitWorker(Process launcher) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Optional<ProcessHandle> child = launcher.children().filter(c -> c.info().commandLine()
                    .map(line -> line.contains("EngineWorker")).orElse(false)).findFirst();
            if (child.isPresent()) {
                Thread.sleep(3500); // let it load the data and finish an epoch or so
                return child.get();
            }
            assertTrue(launcher.isAlive(), "the launcher ended before starting an engine");
            Thread.sleep(100);
        }
        throw new AssertionError("the launcher started no engine JVM within 60 s");
    }

    private static Path runDirectory(Path out) throws Exception {
        try (Stream<Path> dirs = Files.list(out)) {
            return dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
