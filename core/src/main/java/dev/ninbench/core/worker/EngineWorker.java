package dev.ninbench.core.worker;

import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Backends;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.record.Environment;
import dev.ninbench.core.record.Json;
import dev.ninbench.core.train.Trainer;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.XavierInit;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The main class of an engine JVM: holds exactly one {@link Backend} (its classpath is one engine's folder), runs one
 * {@link Job}, and reports on standard output as JSON Lines ({@link WorkerEvent}). Engine and library output is sent
 * to standard error so that it cannot corrupt the event stream.
 *
 * <p>Exit status: 0 done, 2 failed (an {@code error} event says why), 3 engine unavailable here.
 */
public final class EngineWorker {
    public static final int EXIT_FAILED = 2;
    public static final int EXIT_UNAVAILABLE = 3;

    private final PrintStream events;

    EngineWorker(PrintStream events) {
        this.events = events;
    }

    public static void main(String[] args) {
        PrintStream events = System.out;
        System.setOut(System.err); // anything else printing to "stdout" goes to the engine log instead
        if (args.length != 1) {
            events.println(WorkerEvent.error("usage: EngineWorker <job.json>").toJsonLine());
            System.exit(EXIT_FAILED);
        }
        int status = new EngineWorker(events).run(Path.of(args[0]));
        events.flush();
        System.exit(status);
    }

    int run(Path jobFile) {
        try {
            Job job = Json.MAPPER.readValue(jobFile.toFile(), Job.class);
            Backend backend = Backends.named(job.engine());
            BackendInfo info = backend.info(job.modelOptions());
            emit(WorkerEvent.info(info));
            if (!info.available()) {
                emit(WorkerEvent.error(job.engine() + " is not usable here: " + info.unavailableReason()));
                return EXIT_UNAVAILABLE;
            }
            switch (job.type()) {
                case "info" -> { }
                case "train" -> train(job, backend, info);
                case "logits" -> OutputJobs.logits(job, backend);
                case "parity" -> OutputJobs.parity(job, backend);
                default -> throw new IllegalArgumentException("unknown job type '" + job.type()
                        + "'; expected info, train, logits or parity");
            }
            emit(WorkerEvent.done());
            return 0;
        } catch (Throwable t) { // OOM and UnsatisfiedLinkError included: the launcher must learn why, in one line
            t.printStackTrace();
            emit(WorkerEvent.error(Failures.oneLine(t)));
            return EXIT_FAILED;
        }
    }

    /**
     * Trains epochs {@code job.firstEpoch()..epochs} (from the seeded init, or from the checkpoint of the epoch before
     * when resuming), reporting and recording each epoch as {@link TrainingEvents} does.
     */
    private void train(Job job, Backend backend, BackendInfo info) {
        FashionMnist.Splits data = FashionMnist.load(job.dataDir() == null ? null : Path.of(job.dataDir()));
        Environment env = Environment.capture();
        int firstEpoch = Math.max(1, job.firstEpoch());
        NinWeights init = firstEpoch > 1 ? Checkpoints.read(Path.of(job.runDir()), job.engine(), firstEpoch - 1, job.spec())
                : XavierInit.init(job.spec(), job.config().seed());
        double wallBefore = TrainingEvents.wallBefore(Path.of(job.runDir()), job.engine(), firstEpoch);
        try (Model model = backend.open(job.spec(), init, job.modelOptions());
             TrainingEvents listener = new TrainingEvents(job, info, env, model, this::emit,
                     TrainingEvents.STEP_EVENT_NANOS, TrainingEvents.processStart(), wallBefore)) {
            new Trainer(job.config(), data.train(), data.test(), listener).run(model, firstEpoch);
        }
    }

    private synchronized void emit(WorkerEvent event) {
        events.println(event.toJsonLine());
        events.flush();
    }
}
