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
 * Inference: the logits of one batch in eval mode (no dropout). The score is batches per second; images per
 * second is that times {@code batchSize}. The logits come back as a host array, so the engine has finished the
 * batch when it is counted; returning them keeps JMH from discarding the call.
 *
 * <p>The annotations are defaults for running this class by hand; {@code nin-bench throughput} sets forks,
 * warm-up and iterations from the profile.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class InferenceBenchmark {

    @Benchmark
    public float[] logits(NinModelState state) {
        return state.model.logits(state.batch);
    }
}
