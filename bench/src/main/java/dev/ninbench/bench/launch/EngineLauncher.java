package dev.ninbench.bench.launch;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.worker.Job;
import dev.ninbench.core.worker.WorkerEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one {@link Job} in a JVM of its own holding one engine (docs/design.md, "One JVM per engine"), streams
 * its events to a listener, and turns whatever happens to it (an error event, an exit status, a signal) into an
 * {@link EngineResult}. The engine's own output goes to its log file in the run directory: a run of identical lines
 * collapsed into one and a count ({@link CollapsedLog}), but for a worker's standard error, which goes straight to
 * the file so that what it says after its launcher is gone is kept.
 */
public final class EngineLauncher {
    /** The worker JVMs running now: {@link #passOnStop} signals them. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    /**
     * Passes a stop request of the launcher's ({@link dev.ninbench.core.train.StopRequest}) on to the engine JVMs it
     * runs, as SIGTERM: each stops training between two steps, as it does on its own SIGINT when Ctrl-C reaches the
     * terminal's whole process group.
     */
    public static void passOnStop() {
        for (Process p : RUNNING) {
            // by its handle: Process.destroy() would also close the pipes the launcher reads the engine's events from
            p.toHandle().destroy();
            // a step stuck in native code never reaches its end: after a grace, the engine is killed
            CompletableFuture.delayedExecutor(STOP_GRACE_SECONDS, TimeUnit.SECONDS).execute(() -> {
                if (p.isAlive()) {
                    System.err.println("nin-bench: the engine JVM (pid " + p.pid() + ") did not stop within "
                            + STOP_GRACE_SECONDS + " s of the signal: killed");
                    p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                    p.toHandle().destroyForcibly();
                }
            });
        }
    }

    /**
     * How long an engine JVM gets to stop after a stop request: a training step or an evaluation batch at the d2l
     * profile's 224 px takes seconds on a CPU, so a minute is ample unless it is stuck.
     */
    static final int STOP_GRACE_SECONDS = 60;

    public EngineResult run(EngineFolder engine, Job job, Path workDir, Consumer<WorkerEvent> listener) {
        Path jobFile = workDir.resolve(engine.name() + "-" + job.type() + "-job.json");
        Path log = workDir.resolve(engine.name() + ".log");
        BackendInfo info = null;
        List<EpochResult> epochs = new ArrayList<>();
        String error = null;
        int status;
        try {
            Files.createDirectories(workDir);
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(jobFile.toFile(), job);
            // its standard error straight to the file: what it says after its launcher is gone (kill -9) is kept
            Process process = start(engine, engine.command(jobFile), ProcessBuilder.Redirect.appendTo(log.toFile()));
            RUNNING.add(process);
            Thread stopChild = stopOnExit(process);
            try (CollapsedLog logFile = CollapsedLog.append(log);
                 BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    WorkerEvent event = WorkerEvent.parseLine(line);
                    if (event == null) {
                        logFile.line(line);
                        continue;
                    }
                    if (event instanceof WorkerEvent.Info i) {
                        info = i.info();
                    } else if (event instanceof WorkerEvent.Epoch e) {
                        epochs.add(e.result());
                    } else if (event instanceof WorkerEvent.Error e) {
                        error = e.message();
                    }
                    listener.accept(event);
                }
                status = process.waitFor();
            } finally {
                RUNNING.remove(process);
                Runtime.getRuntime().removeShutdownHook(stopChild);
            }
        } catch (IOException e) {
            return new EngineResult(engine.name(), info, epochs, "cannot start the " + engine.name() + " JVM: " + e.getMessage(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EngineResult(engine.name(), info, epochs, "interrupted", -1);
        }
        if (status == 0 && error == null) {
            return new EngineResult(engine.name(), info, epochs, null, 0);
        }
        String why = error != null ? error : "the " + engine.name() + " JVM " + describeExit(status)
                + crashReport(engine, workDir) + lastLines(log);
        return new EngineResult(engine.name(), info, epochs, why, status);
    }

    /**
     * Runs {@code command} (from {@link EngineFolder#command}) as {@code engine}'s JVM, for a main class that is not
     * the worker: everything it prints goes to {@code log}, and each line of its standard output also to
     * {@code lines}. Returns null when it exits with status 0, else one line saying why not.
     */
    public String runMain(EngineFolder engine, List<String> command, Path log, Consumer<String> lines) {
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = start(engine, command, ProcessBuilder.Redirect.PIPE);
        } catch (IOException e) {
            return "cannot start the " + engine.name() + " JVM: " + e.getMessage();
        }
        return follow(process, "the " + engine.name() + " JVM", log, lines);
    }

    /**
     * Follows a started {@code process} to its end, as {@link #runMain} does: each line of its standard output to
     * {@code log} and to {@code lines}, and of its standard error (unless it was sent elsewhere) to {@code log}, a run
     * of identical lines collapsed ({@link CollapsedLog}); stopped with the launcher. Returns null when it exits with
     * status 0, else one line saying why not, naming it as {@code what} ("the tf JVM").
     */
    public static String follow(Process process, String what, Path log, Consumer<String> lines) {
        Thread stopChild = stopOnExit(process);
        try {
            int status;
            try (CollapsedLog logFile = CollapsedLog.append(log);
                 BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                Thread errors = logFile.copy(process.getErrorStream());
                for (String line; (line = out.readLine()) != null; ) {
                    logFile.line(line);
                    lines.accept(line);
                }
                status = process.waitFor();
                errors.join();
            }
            return status == 0 ? null : what + " " + describeExit(status) + lastLines(log);
        } catch (IOException e) {
            return "cannot follow " + what + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
    }

    /**
     * Ctrl-C on the launcher must not leave an engine running: the hook stops the engine JVM and its own children
     * (JMH's forks) too, which would otherwise run on, orphaned, until their iteration ends; one stuck in native code,
     * deaf to SIGTERM, is killed a few seconds later. Remove it once the process has exited.
     */
    private static Thread stopOnExit(Process process) {
        Thread hook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** Starts {@code command} with {@code engine}'s environment, no input, and its standard error to {@code stderr}. */
    private static Process start(EngineFolder engine, List<String> command, ProcessBuilder.Redirect stderr)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(stderr)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        engine.applyEnvironment(pb.environment());
        return pb.start();
    }

    public static String describeExit(int status) {
        if (status > 128) {
            int signal = status - 128;
            String name = switch (signal) {
                case 6 -> "SIGABRT (a native abort)";
                case 9 -> "SIGKILL (killed, e.g. by the out-of-memory killer)";
                case 11 -> "SIGSEGV (a native crash)";
                case 15 -> "SIGTERM";
                default -> "signal " + signal;
            };
            return "died with " + name + ", exit status " + status;
        }
        return "exited with status " + status + " without saying why";
    }

    /** "; JVM crash report: FILE" when the engine's JVM left one in {@code workDir} (the newest), else "". */
    static String crashReport(EngineFolder engine, Path workDir) {
        String prefix = engine.crashReportPattern().substring(0, engine.crashReportPattern().indexOf("%p"));
        try (java.util.stream.Stream<Path> files = Files.list(workDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .max(java.util.Comparator.comparing(f -> f.toFile().lastModified()))
                    .map(f -> "; JVM crash report: " + f).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                return "";
            }
            return "; last line of " + log + ": " + lines.get(lines.size() - 1).trim();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }
}
