package dev.ninbench.bench.pytorch;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.launch.EngineResult;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.worker.Job;
import dev.ninbench.core.worker.TrainingJob;
import dev.ninbench.core.worker.WorkerEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The PyTorch row of a training run: the same {@link TrainingJob} an engine JVM runs, here in the launcher on a
 * {@link PyTorchModel}, writing its records, checkpoints and per-step losses to the run directory as an engine does,
 * and reporting the same events. Its outcome is an {@link EngineResult} like any engine's.
 */
public final class PyTorchTraining {
    private PyTorchTraining() {
    }

    public static EngineResult run(PyTorchReference pytorch, Job.Train job, Path runDir, Consumer<WorkerEvent> listener) {
        List<EpochResult> epochs = new ArrayList<>();
        BackendInfo info = null;
        Consumer<WorkerEvent> events = e -> {
            if (e instanceof WorkerEvent.Epoch epoch) {
                epochs.add(epoch.result());
            }
            listener.accept(e);
        };
        try (PyTorchModel model = new PyTorchModel(pytorch, runDir, job.modelOptions().effectiveThreads())) {
            info = model.info();
            events.accept(new WorkerEvent.Info(info));
            TrainingJob.run(job, info, model.started(), init -> model.open(job.spec(), init,
                    job.config().learningRate()), events);
            events.accept(new WorkerEvent.Done());
            return new EngineResult(EngineName.PYTORCH, info, epochs, null, 0);
        } catch (RuntimeException | OutOfMemoryError e) {
            String why = Failures.oneLine(e);
            events.accept(new WorkerEvent.Error(why));
            return new EngineResult(EngineName.PYTORCH, info, epochs, why, 1);
        }
    }
}
