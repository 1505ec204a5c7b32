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
 * Inference latency: {@link InferenceBenchmark}'s call (the logits of one batch, eval mode, on the host) timed call
 * by call (JMH's sample mode) at the small batches a service sees (1 and 8), so JMH reports its percentiles: what
 * one request waits, not how many images an engine gets through when kept busy. A class of its own (one idea per
 * benchmark class, as in JMH's samples): with it as a subclass of {@link InferenceBenchmark}, JMH's run in the test
 * engine's JVM failed.
 *
 * <p>The annotations are defaults for running this class by hand; {@code nin-bench throughput} sets forks,
 * warm-up, iterations and batch sizes from the profile's {@code latency} settings.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LatencyBenchmark {

    @Benchmark
    public float[] logits(NinModelState state) {
        return state.model.logits(state.batch);
    }
}
