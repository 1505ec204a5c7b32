package dev.ninbench.engineside;

import dev.ninbench.core.engine.Backends;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.engine.KernelRun;
import dev.ninbench.core.engine.ModelOptions;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One of {@link Kernel#PUBLISHED}, set up on the engine of this JVM (chosen as {@link NinModelState} chooses it,
 * with the same threads and device) on seeded inputs.
 */
@State(Scope.Thread)
public class KernelState {
    /** The engine whose kernels run, as {@link NinModelState#engine}. */
    @Param({""})
    public String engine;

    /** A {@link Kernel#named} name. */
    @Param({"sgemm", "conv3x3", "conv5x5"})
    public String kernel;

    KernelRun run;

    @Setup(Level.Trial)
    public void open() {
        ModelOptions options = NinModelState.options();
        String name = NinModelState.usableBackend(engine, options).name();
        run = Backends.peakKernels(name).open(Kernel.named(kernel), NinModelState.SEED, options);
    }

    @TearDown(Level.Trial)
    public void close() {
        if (run != null) {
            run.close();
        }
    }
}
