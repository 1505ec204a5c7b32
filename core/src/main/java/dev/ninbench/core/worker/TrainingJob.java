package dev.ninbench.core.worker;

import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.train.Trainer;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.XavierInit;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@code train} job from its data to its records: epochs {@code job.firstEpoch()..epochs} from the seeded init, or,
 * when resuming, from the checkpoint of the epoch before, each reported and recorded as {@link TrainingEvents} does.
 * An engine JVM runs it on its engine; the launcher runs it on PyTorch, so both go through the very same code.
 */
public final class TrainingJob {
    private TrainingJob() {
    }

    /**
     * @param open    builds the model from the initial weights
     * @param started when the process that computes started (the records' wall-clock run_start)
     */
    public static void run(Job.Train job, BackendInfo info, Instant started, Function<NinWeights, Model> open,
                           Consumer<WorkerEvent> emit) {
        FashionMnist.Splits data = FashionMnist.load(job.dataDir() == null ? null : Path.of(job.dataDir()));
        Environment env = Environment.capture();
        int firstEpoch = Math.max(1, job.firstEpoch());
        Path runDir = Path.of(job.runDir());
        NinWeights init = firstEpoch > 1 ? Checkpoints.read(runDir, job.engine(), firstEpoch - 1, job.spec())
                : XavierInit.init(job.spec(), job.config().seed());
        double wallBefore = TrainingEvents.wallBefore(runDir, job.engine(), firstEpoch);
        try (RunLock writing = RunLock.acquire(runDir, RunLock.ENGINE_FILE); // seen by a resume, even orphaned
             Model model = open.apply(init);
             TrainingEvents listener = new TrainingEvents(job, info, env, model, emit,
                     TrainingEvents.STEP_EVENT_NANOS, started, wallBefore)) {
            new Trainer(job.config(), data.train(), data.test(), listener).run(model, firstEpoch);
        }
    }
}
