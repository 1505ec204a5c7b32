package dev.ninbench.core.engine;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.XavierInit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How many cores an engine keeps busy while it trains at a given thread count, measured as the throughput runs'
 * "cores busy" column measures it: the process's CPU time over the wall time of a stretch of training steps. Run in a
 * JVM of its own ({@link #inFreshJvm}): some engines size their thread pools once per process (TensorFlow from its
 * first session), so a JVM in which other tests already ran would measure those tests' settings.
 */
public final class CoresBusyProbe {
    /** System properties the engines' test JVMs are given (surefire's systemPropertyVariables) that the probe needs. */
    private static final List<String> FORWARDED = List.of("org.bytedeco.", "ai.djl.", "OPT_OUT_TRACKING", "ninbench.",
            "org.eclipse.deeplearning4j.", "org.nd4j.");
    /** The d2l net at 68 px (its smallest input), batch 32: steps long enough that a stray thread shows. */
    private static final int SIDE = 68;
    private static final int BATCH = 32;
    private static final double MEASURED_SECONDS = 3;

    private CoresBusyProbe() {
    }

    /**
     * The cores busy of {@code backend} training at {@code threads} threads, measured in a new JVM with this one's
     * classpath, heap settings and engine properties; its output is in the failure when it fails.
     */
    public static double inFreshJvm(Class<? extends Backend> backend, int threads)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("--enable-native-access")).forEach(cmd::add);
        System.getProperties().stringPropertyNames().stream().filter(k -> FORWARDED.stream().anyMatch(k::startsWith))
                .sorted().forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CoresBusyProbe.class.getName(),
                backend.getName(), String.valueOf(threads)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<String> lines = out.lines().filter(l -> l.startsWith("coresBusy=")).toList();
        if (p.waitFor() != 0 || lines.isEmpty()) {
            throw new AssertionError("the probe JVM for " + backend.getSimpleName() + " failed (exit " + p.exitValue()
                    + "):\n" + out);
        }
        return Double.parseDouble(lines.get(lines.size() - 1).substring("coresBusy=".length()));
    }

    /** {@code <backend class> <threads>}: prints {@code coresBusy=<cores>}. */
    public static void main(String[] args) throws Exception {
        Backend backend = (Backend) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        ModelOptions options = new ModelOptions(0.01, 1, Integer.parseInt(args[1]), Device.CPU);
        // as every run starts: the engine's info first (TensorFlow's device listing is then the process's first session)
        BackendInfo info = backend.info(options);
        if (!info.available()) {
            throw new IllegalStateException(backend.name() + " is not usable: " + info.unavailableReason());
        }
        NinSpec spec = NinSpec.d2l(SIDE);
        Batch batch = Batch.noise(BATCH, 1);
        try (Model model = backend.open(spec, XavierInit.init(spec, 1), options)) {
            for (int i = 0; i < 5; i++) {
                model.trainStep(batch, StepDropout.shared(1, 1, i + 1));
            }
            long cpu0 = Environment.processCpuNanos();
            long wall0 = System.nanoTime();
            int step = 5;
            while (System.nanoTime() - wall0 < MEASURED_SECONDS * 1e9) {
                model.trainStep(batch, StepDropout.shared(1, 1, ++step));
            }
            double busy = (Environment.processCpuNanos() - cpu0) / (double) (System.nanoTime() - wall0);
            System.out.printf("coresBusy=%.3f%n", busy);
        }
    }
}
