package dev.ninbench.engineside;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Backends;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.XavierInit;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The model every benchmark runs: the d2l NiN at {@code inputSide}, opened with the seeded {@link XavierInit}
 * weights on the one engine this JVM holds, and one fixed batch of {@code batchSize} seeded random images.
 *
 * <p>The engine is the {@code @Param} {@link #engine}, so that JMH's own JSON tells its rows apart when runs are
 * merged. Its one value is one of the variants of the engine this JVM holds (an engine JVM holds one engine's folder:
 * docs/design.md, "One JVM per engine"; the launcher sets {@code -p engine=NAME}); left empty, the single engine on
 * the classpath other than the test fake. {@code -Dninbench.threads} sets the engine's compute threads (0 or unset =
 * all cores), and {@code -Dninbench.device} the device ({@code cpu} when unset).
 */
@State(Scope.Thread)
public class NinModelState {
    public static final String THREADS_PROPERTY = "ninbench.threads";
    /** Where the engine computes ({@code cpu}, {@code gpu:N}); the launcher sets it from {@code --device}. */
    public static final String DEVICE_PROPERTY = "ninbench.device";
    /** The d2l recipe's step size; on one repeated batch it only makes the loss fall, not the step slower. */
    static final double LEARNING_RATE = 0.1;
    static final long SEED = 42;

    /** The engine (and variant) the benchmark runs on, e.g. {@code djl} or {@code dl4j-idiomatic}. */
    @Param({""})
    public String engine;

    @Param({"32"})
    public int batchSize;

    @Param({"68"})
    public int inputSide;

    Model model;
    Batch batch;
    /** Samples GPU memory while the trial runs; null on the CPU. */
    private PeakMemory.DeviceSampler deviceMemory;
    /** This fork's CPU and wall nanoseconds over its measured iterations, and where the current one started. */
    private long cpuNanos;
    private long wallNanos;
    private long cpuStart = -1;
    private long wallStart;

    @Setup(Level.Trial)
    public void open() {
        NinSpec spec = NinSpec.d2l(inputSide);
        ModelOptions options = options();
        Backend backend = usableBackend(engine, options);
        if (options.device().isGpu()) {
            deviceMemory = new PeakMemory.DeviceSampler();
        }
        model = backend.open(spec, XavierInit.init(spec, SEED), options);
        batch = Batch.noise(batchSize, SEED);
        model.prepare(batchSize); // outside every timed call
    }

    /**
     * Starts timing a measured iteration's CPU: the whole process's, so the engine's own native threads count (an
     * engine that ignores its thread count shows up as more cores busy than threads).
     */
    @Setup(Level.Iteration)
    public void iterationStart(IterationParams iteration) {
        cpuStart = iteration.getType() == IterationType.MEASUREMENT ? Environment.processCpuNanos() : -1;
        wallStart = System.nanoTime();
    }

    @TearDown(Level.Iteration)
    public void iterationEnd() {
        if (cpuStart >= 0) {
            cpuNanos += Environment.processCpuNanos() - cpuStart;
            wallNanos += System.nanoTime() - wallStart;
        }
    }

    /** Peak memory is read before the model is closed, while the fork still holds everything it used. */
    @TearDown(Level.Trial)
    public void close(BenchmarkParams params) {
        String dir = System.getProperty(PeakMemory.DIR_PROPERTY);
        long deviceBytes = deviceMemory == null ? 0 : deviceMemory.peakBytes();
        if (deviceMemory != null) {
            deviceMemory.close();
        }
        if (dir != null) {
            PeakMemory.record(Path.of(dir), params.getBenchmark(), batchSize, inputSide, deviceBytes,
                    wallNanos > 0 && cpuNanos > 0 ? (double) cpuNanos / wallNanos : Double.NaN);
        }
        if (model != null) {
            model.close();
        }
    }

    /** The JVM options by which the launcher sets an engine JVM's {@link #options()}: its threads and device. */
    public static List<String> properties(int threads, Device device) {
        return List.of("-D" + THREADS_PROPERTY + "=" + threads, "-D" + DEVICE_PROPERTY + "=" + device);
    }

    /** The threads and device the launcher set ({@link #THREADS_PROPERTY}, {@link #DEVICE_PROPERTY}). */
    static ModelOptions options() {
        return new ModelOptions(LEARNING_RATE, SEED, Integer.getInteger(THREADS_PROPERTY, 0),
                Device.parse(System.getProperty(DEVICE_PROPERTY, "cpu")));
    }

    /** {@link #backend}, or why it cannot run with {@code options}: JMH prints it as the benchmark's failure. */
    static Backend usableBackend(String engine, ModelOptions options) {
        Backend backend = backend(engine);
        BackendInfo info = backend.info(options);
        if (!info.available()) {
            throw new IllegalStateException(backend.name() + " is not usable here: " + info.unavailableReason());
        }
        return backend;
    }

    /** The engine {@code name}, or, when it is empty, the single engine on the classpath. */
    static Backend backend(String name) {
        if (name != null && !name.isEmpty()) {
            return Backends.named(name);
        }
        // "fake" is core's test engine: it only counts when named
        List<Backend> engines = Backends.all().stream().filter(b -> !b.name().equals("fake")).toList();
        if (engines.size() != 1) {
            throw new IllegalStateException("expected exactly one engine on this JVM's classpath, found "
                    + (engines.isEmpty() ? "none" : engines.stream().map(Backend::name).collect(Collectors.joining(", ")))
                    + "; name one with -p engine=NAME");
        }
        return engines.get(0);
    }
}
