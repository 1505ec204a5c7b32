package dev.ninbench.core.worker;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Backends;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.train.StopRequest;
import dev.ninbench.core.train.TrainingStoppedException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The main class of an engine JVM: holds exactly one {@link Backend} (its classpath is one engine's folder), runs one
 * {@link Job}, and reports on standard output as JSON Lines ({@link WorkerEvent}). Engine and library output is sent
 * to standard error so that it cannot corrupt the event stream.
 *
 * <p>Exit status: 0 done, 2 failed (an {@code error} event says why), 3 engine unavailable here, 4 orphaned, 5 stopped
 * by a signal between two training steps.
 */
public final class EngineWorker {
    public static final int EXIT_FAILED = 2;
    public static final int EXIT_UNAVAILABLE = 3;
    /** The launcher that started this JVM is gone. */
    public static final int EXIT_ORPHANED = 4;
    /** SIGINT or SIGTERM stopped training between two steps ({@link StopRequest}); an error event says where. */
    public static final int EXIT_STOPPED = 5;

    private final PrintStream events;

    EngineWorker(PrintStream events) {
        this.events = events;
    }

    public static void main(String[] args) {
        PrintStream events = System.out;
        System.setOut(System.err); // anything else printing to "stdout" goes to the engine log instead
        if (args.length != 1) {
            events.println(new WorkerEvent.Error("usage: EngineWorker <job.json>").toJsonLine());
            System.exit(EXIT_FAILED);
        }
        exitWhenLauncherDies();
        int status = new EngineWorker(events).run(Path.of(args[0]));
        events.flush();
        System.exit(status);
    }

    /**
     * Ends this JVM soon after the launcher that started it is gone (a kill -9 re-parents this JVM to init): an
     * orphan would go on writing records and checkpoints into a run directory that a {@code --resume} may be writing
     * too. Java polls a process that is not its child, so this notices within a second or so; it says so in the log.
     */
    static void exitWhenLauncherDies() {
        ProcessHandle.current().parent().ifPresent(launcher -> launcher.onExit().thenRun(() -> {
            System.err.println("nin-bench worker: its launcher (pid " + launcher.pid() + ") is gone; this engine JVM "
                    + "stops (the run's finished epochs are kept; nin-bench train --resume goes on from them)");
            System.err.flush();
            Runtime.getRuntime().halt(EXIT_ORPHANED);
        }));
    }

    int run(Path jobFile) {
        try {
            Job job = Json.MAPPER.readValue(jobFile.toFile(), Job.class);
            Backend backend = Backends.named(job.engine());
            BackendInfo info = backend.info(job.modelOptions());
            emit(new WorkerEvent.Info(info));
            if (!info.available()) {
                emit(new WorkerEvent.Error(job.engine() + " is not usable here: " + info.unavailableReason()));
                return EXIT_UNAVAILABLE;
            }
            job.handledBy(runner(backend, info));
            emit(new WorkerEvent.Done());
            return 0;
        } catch (TrainingStoppedException e) {
            emit(new WorkerEvent.Error(e.getMessage()));
            return EXIT_STOPPED;
        } catch (Throwable t) { // OOM and UnsatisfiedLinkError included: the launcher must learn why, in one line
            t.printStackTrace();
            emit(new WorkerEvent.Error(Failures.oneLine(t)));
            return EXIT_FAILED;
        }
    }

    /** What this JVM does with each kind of job, on {@code backend}, once its info event is out. */
    private Job.Handler runner(Backend backend, BackendInfo info) {
        return new Job.Handler() {
            @Override
            public void info(Job.Info job) {
                // the info event is all it asks for
            }

            @Override
            public void train(Job.Train job) {
                // SIGINT/SIGTERM stop training between two steps: the launcher passes its own on to this JVM
                try (StopRequest.Trap trap = StopRequest.trap(() -> { })) {
                    TrainingJob.run(job, info, TrainingEvents.processStart(), init -> backend.open(job.spec(), init,
                            job.modelOptions()), EngineWorker.this::emit);
                }
            }

            @Override
            public void logits(Job.Logits job) {
                OutputJobs.logits(job, backend);
            }

            @Override
            public void parity(Job.Parity job) {
                OutputJobs.parity(job, backend);
            }
        };
    }

    private synchronized void emit(WorkerEvent event) {
        events.println(event.toJsonLine());
        events.flush();
    }
}
