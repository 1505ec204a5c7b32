package dev.ninbench.core.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Backends;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.record.Environment;
import dev.ninbench.core.record.Json;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.Trainer;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.XavierInit;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;

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
            events.println(toJson(WorkerEvent.error("usage: EngineWorker <job.json>")));
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
     * when resuming). After each epoch, in this order: its checkpoint, its record, and only then the deletion of older
     * checkpoints ({@link Checkpoints}), so a kill at any moment leaves every finished epoch resumable.
     */
    private void train(Job job, Backend backend, BackendInfo info) {
        FashionMnist.Splits data = FashionMnist.load(job.dataDir() == null ? null : Path.of(job.dataDir()));
        Environment env = Environment.capture();
        Path runDir = Path.of(job.runDir());
        Path records = runDir.resolve(RunRecords.FILE_NAME);
        int threads = job.modelOptions().effectiveThreads();
        int firstEpoch = Math.max(1, job.firstEpoch());
        NinWeights init = firstEpoch > 1 ? Checkpoints.read(runDir, job.engine(), firstEpoch - 1, job.spec())
                : XavierInit.init(job.spec(), job.config().seed());
        try (Model model = backend.open(job.spec(), init, job.modelOptions())) {
            Trainer.Listener listener = new Trainer.Listener() {
                private long lastStepEvent;

                @Override
                public void onStep(int epoch, int step, int steps, float loss, double imagesPerSecond) {
                    long now = System.nanoTime();
                    if (step == steps || now - lastStepEvent > 200_000_000L) { // ~5 updates/s is enough for a bar
                        lastStepEvent = now;
                        emit(WorkerEvent.step(epoch, step, steps, loss, imagesPerSecond));
                    }
                }

                @Override
                public void onEpoch(EpochResult result) {
                    Checkpoints.write(runDir, job.engine(), job.runId(), result.epoch(), model.weights());
                    RunRecords.append(records, new RunRecord(RunRecord.SCHEMA, job.runId(), job.profile(),
                            Instant.now().toString(), info, job.spec(), job.spec().parameterCount(),
                            job.spec().forwardFlops(), job.config(), threads, env, result));
                    Checkpoints.deleteBefore(runDir, job.engine(), result.epoch());
                    emit(WorkerEvent.epoch(result));
                }
            };
            new Trainer(job.config(), data.train(), data.test(), listener).run(model, firstEpoch);
        }
    }

    private synchronized void emit(WorkerEvent event) {
        events.println(toJson(event));
        events.flush();
    }

    private static String toJson(WorkerEvent event) {
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return "{\"event\":\"error\",\"message\":\"cannot serialise event: " + e.getOriginalMessage() + "\"}";
        }
    }
}
