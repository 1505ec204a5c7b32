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
 * The engine's best fp32 rate on large dense work: one {@link dev.ninbench.core.engine.Kernel} (a large sgemm or
 * convolution, the {@code kernel} {@code @Param}) through the engine's own op. The score is ops per second; GFLOP/s
 * is that times the kernel's FLOPs (counted in core, the same for every engine). Each call returns once the op's
 * result is computed ({@link dev.ninbench.core.engine.KernelRun#run}), so JMH counts finished work. The best of
 * these over the engines of a run is the machine's measured peak, which the throughput tables' "% of peak" use.
 *
 * <p>The annotations are defaults for running this class by hand; {@code nin-bench throughput} sets forks, warm-up
 * and iterations from the profile's {@code peak} settings.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class PeakBenchmark {

    @Benchmark
    public void kernel(KernelState state) {
        state.run.run();
    }
}
