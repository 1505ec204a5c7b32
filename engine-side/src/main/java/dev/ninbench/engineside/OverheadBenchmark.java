package dev.ninbench.engineside;

import dev.ninbench.core.engine.Device;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.TrainConfig;
import dev.ninbench.core.train.Trainer;
import dev.ninbench.core.weights.XavierInit;
import dev.ninbench.core.worker.Job;
import dev.ninbench.core.worker.TrainingEvents;
import dev.ninbench.core.worker.WorkerEvent;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The suite's own cost per training step: one whole epoch of the real training path with an engine that costs next
 * to nothing ({@link FreeModel}). That is core's {@link Trainer} (batches built by {@code Epochs} on the
 * {@code Prefetch} thread, the loss bookkeeping, the test-set evaluation after the epoch) with the worker's own
 * listener ({@link TrainingEvents}: the epoch's checkpoint of the d2l net's weights, its run record, fsync'ed), whose
 * events are serialised as the worker writes them and parsed back as the launcher reads them. Step events go out at
 * every step (a real run sends at most one per step, as its steps take longer than the worker's interval).
 *
 * <p>The score is milliseconds per epoch of 60,000 training and 10,000 test images ({@link SyntheticData}: the loop's
 * work does not depend on pixel values); divided by {@link #stepsPerEpoch} it is the suite's time per training step,
 * the evaluation and the epoch's files included. {@code nin-bench overhead} runs it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class OverheadBenchmark {
    private static final long SEED = 42;

    @Param({"128"})
    public int batchSize;

    private Path runDir;
    private FreeModel model;
    private Trainer trainer;
    private TrainingEvents events;
    private PrintStream stdout;
    /** The last event as the launcher parsed it back: kept, so that nothing of the events' work is dropped. */
    public WorkerEvent lastEvent;

    public static int stepsPerEpoch(int batchSize) {
        return (SyntheticData.TRAINING_IMAGES + batchSize - 1) / batchSize;
    }

    @Setup(Level.Trial)
    public void open() throws IOException {
        NinSpec spec = NinSpec.d2l(96); // the cpu profile's net: its checkpoint is ~8 MB at any input side
        TrainConfig config = new TrainConfig(1, batchSize, 0.1, SEED, 0, 0);
        runDir = Files.createTempDirectory("nin-bench-overhead");
        Job.Train job = new Job.Train(FreeModel.NAME, 0, Device.CPU, spec, config, runDir.getFileName().toString(), "overhead",
                runDir.toString(), null, 1);
        model = new FreeModel(spec, XavierInit.init(spec, SEED), batchSize);
        stdout = new PrintStream(new FileOutputStream("/dev/null"), false, StandardCharsets.UTF_8);
        events = new TrainingEvents(job, FreeModel.INFO, Environment.capture(), model, this::emit, 0,
                TrainingEvents.processStart(), 0);
        trainer = new Trainer(config, SyntheticData.images("train", SyntheticData.TRAINING_IMAGES, SEED),
                SyntheticData.images("test", SyntheticData.TEST_IMAGES, SEED + 1), events);
    }

    /** As the worker writes an event to its standard output, and the launcher reads it from there. */
    private void emit(WorkerEvent event) {
        String line = event.toJsonLine();
        stdout.println(line);
        stdout.flush();
        lastEvent = WorkerEvent.parseLine(line);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        events.close();
        stdout.close();
        try (Stream<Path> files = Files.walk(runDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Benchmark
    public EpochResult epoch() {
        return trainer.run(model, 1).get(0);
    }
}
