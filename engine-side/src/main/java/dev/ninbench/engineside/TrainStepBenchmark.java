package dev.ninbench.engineside;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step (forward, loss, backward, SGD update) on one batch. The score is steps per second, i.e.
 * batches per second: images per second is that times {@code batchSize} (a {@code @Param}, so JMH's
 * {@code @OperationsPerInvocation} cannot say it). The returned loss was materialised on the host, so every step
 * has finished when it is counted; returning it keeps JMH from discarding the call.
 *
 * <p>The annotations are defaults for running this class by hand; {@code nin-bench throughput} sets forks,
 * warm-up and iterations from the profile.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class TrainStepBenchmark {

    @Benchmark
    public float trainStep(NinModelState state) {
        return state.model.trainStep(state.batch);
    }
}
