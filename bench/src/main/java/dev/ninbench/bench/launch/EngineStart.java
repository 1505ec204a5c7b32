package dev.ninbench.bench.launch;

import dev.ninbench.core.engine.Device;
import dev.ninbench.core.worker.Job;
import dev.ninbench.core.worker.WorkerEvent;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What starting an engine's JVM costs once per run, measured on the real path: {@link EngineLauncher} runs the
 * worker's {@code info} job (the one every command starts an engine with), timed from before the launcher writes the
 * job until the worker's {@code info} event arrives (the JVM started, the worker read its job and its engine loaded
 * its native library: ready to open a model) and until the JVM has exited.
 *
 * @param engine       the engine's name
 * @param readySeconds median over the starts: launcher to the worker's {@code info} event
 * @param exitSeconds  median over the starts: launcher to the JVM's exit
 * @param starts       how many starts the medians are of
 * @param failure      why the engine failed to start (then the times are NaN), or null
 */
public record EngineStart(String engine, double readySeconds, double exitSeconds, int starts, String failure) {

    /** Starts {@code engine}'s JVM {@code starts} times in turn, writing job files and logs into {@code workDir}. */
    public static EngineStart measure(EngineFolder engine, int threads, Device device, int starts, Path workDir) {
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be >= 1, got " + starts);
        }
        double[] ready = new double[starts];
        double[] exit = new double[starts];
        EngineLauncher launcher = new EngineLauncher();
        for (int i = 0; i < starts; i++) {
            long[] info = {0};
            long begin = System.nanoTime();
            EngineResult r = launcher.run(engine, new Job.Info(engine.name(), threads, device), workDir, e -> {
                if (e instanceof WorkerEvent.Info) {
                    info[0] = System.nanoTime();
                }
            });
            long end = System.nanoTime();
            if (!r.ok() || info[0] == 0) {
                return new EngineStart(engine.name(), Double.NaN, Double.NaN, i, r.ok() ? "no info event" : r.failure());
            }
            ready[i] = (info[0] - begin) / 1e9;
            exit[i] = (end - begin) / 1e9;
        }
        return new EngineStart(engine.name(), median(ready), median(exit), starts, null);
    }

    public boolean ok() {
        return failure == null;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
