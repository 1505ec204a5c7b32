package dev.ninbench.engineside;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.Epochs;
import dev.ninbench.core.data.Prefetch;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
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
 * The loader alone, no engine: how many training batches per second the shuffle and batching of {@link Epochs}
 * make (gathering 28x28 uint8 images in the epoch's order and scaling them to floats), each new epoch's shuffle
 * included, taken directly ({@link #direct}) and through {@link Prefetch}, as the trainer takes them
 * ({@link #prefetched}). Images per second is the score times {@code batchSize}. The loader is never the
 * bottleneck while this is far above every engine's training rate. The data is 60,000 seeded random images
 * ({@link SyntheticData}): the training set's size and layout.
 * {@code nin-bench overhead --loader} runs it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@State(Scope.Thread)
public class LoaderBenchmark {
    @Param({"128"})
    public int batchSize;

    private Epochs epochs;
    private int epoch;
    private Iterator<Batch> direct;
    private Prefetch prefetched;

    @Setup(Level.Trial)
    public void data() {
        epochs = new Epochs(SyntheticData.images("synthetic", SyntheticData.TRAINING_IMAGES, 42), batchSize, 42);
        direct = epochs.epoch(epoch);
        prefetched = new Prefetch(epochs.epoch(epoch));
    }

    @TearDown(Level.Trial)
    public void close() {
        prefetched.close();
    }

    @Benchmark
    public Batch direct() {
        if (!direct.hasNext()) {
            direct = epochs.epoch(++epoch);
        }
        return direct.next();
    }

    @Benchmark
    public Batch prefetched() {
        if (!prefetched.hasNext()) {
            prefetched.close();
            prefetched = new Prefetch(epochs.epoch(++epoch));
        }
        return prefetched.next();
    }
}
