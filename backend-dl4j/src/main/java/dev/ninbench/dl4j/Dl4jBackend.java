package dev.ninbench.dl4j;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;

/** The Deeplearning4j engine: a DL4J {@code MultiLayerNetwork} on ND4J's CPU backend (libnd4j + OpenBLAS). */
public final class Dl4jBackend implements Backend {
    static final String NAME = "dl4j";
    /** JavaCPP's switch between the native builds shipped in the engine folder (see the module's pom.xml). */
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** DL4J's switch for its layer helpers (oneDNN on the CPU); M2.1 defaults it to true, i.e. no helpers. */
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** The CPU flags libnd4j's AVX-512 build is compiled for; without all of them it would die on SIGILL. */
    private static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendInfo info(ModelOptions options) {
        String dl4j = Failures.mavenVersion(Dl4jBackend.class, "org.deeplearning4j", "deeplearning4j-nn");
        try {
            String build = selectNativeBuild();
            allowHelpers();
            int threads = applyThreads(options.effectiveThreads());
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("threads", Integer.toString(threads));
            settings.put("nd4j.maxThreads", Integer.toString(Nd4j.getEnvironment().maxThreads()));
            settings.put("nd4j.maxMasterThreads", Integer.toString(Nd4j.getEnvironment().maxMasterThreads()));
            settings.put("blas", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
            settings.put("blas.threads", Integer.toString(Nd4j.factory().blas().getMaxThreads()));
            settings.put("native.build", build);
            settings.put("nd4j.backend", String.valueOf(env.get("backend")));
            settings.put("model", "MultiLayerNetwork");
            // what DL4J's HelperUtils decides when it builds a layer: helpers allowed, and oneDNN there
            boolean onednnLayers = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE))
                    && BaseMKLDNNHelper.mklDnnEnabled();
            settings.put("layers", onednnLayers
                    ? "oneDNN helpers (libnd4j conv2d/maxpool2d ops)" : "DL4J built-in (im2col + gemm)");
            settings.put(HELPERS_DISABLE, System.getProperty(HELPERS_DISABLE));
            for (String key : List.of("org.bytedeco.javacpp.cachedir", "org.bytedeco.javacpp.maxbytes",
                    "org.bytedeco.javacpp.maxphysicalbytes")) {
                settings.put(key, String.valueOf(System.getProperty(key)));
            }
            for (String var : List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY")) {
                settings.put(var, String.valueOf(System.getenv(var)));
            }
            return new BackendInfo(NAME, "Deeplearning4j " + dl4j + " / ND4J " + env.get("backend") + " ("
                    + build.replaceFirst("^-", "") + " build)",
                    dl4j, "cpu", true, null, settings);
        } catch (Throwable e) { // NOPMD: a native library that fails to load shows up as Error; info() must not throw
            return BackendInfo.unavailable(NAME, "Deeplearning4j " + dl4j + " / ND4J", Failures.oneLine(e));
        }
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        if (!"cpu".equals(options.device())) {
            throw new IllegalArgumentException("the dl4j engine runs on the cpu only, got device " + options.device());
        }
        try {
            selectNativeBuild();
            allowHelpers();
            applyThreads(options.effectiveThreads());
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("ND4J cannot start: " + Failures.oneLine(e), e);
        }
        return new Dl4jModel(spec, init, options);
    }

    /**
     * Picks the native build before ND4J loads (once per JVM; a later change would not be seen): the one a user
     * named with {@code -Dorg.bytedeco.javacpp.platform.extension}, else oneDNN + AVX-512 where the CPU has
     * AVX-512, else AVX2. Returns the extension in use.
     */
    static synchronized String selectNativeBuild() {
        String chosen = System.getProperty(PLATFORM_EXTENSION);
        if (chosen == null) {
            chosen = cpuFlags().containsAll(AVX512_FLAGS) ? "-onednn-avx512" : "-avx2";
            System.setProperty(PLATFORM_EXTENSION, chosen);
        }
        return chosen;
    }

    /**
     * Lets DL4J's layers use its oneDNN helpers (libnd4j's conv2d/maxpool2d ops with oneDNN instead of im2col + gemm;
     * with the {@link org.nd4j.nativeblas.Nd4jCpu} bridge that makes them findable in M2.1). Measured here (d2l net,
     * 96 px, batch 64, 2 threads): a training step 1.5 s -> 0.37 s, inference 0.94 s -> 0.08 s; results equal to
     * float rounding (the PyTorch parity tests pass either way). {@code -Dorg.eclipse.deeplearning4j.helpers.disable=true}
     * restores DL4J's built-in layers; DL4J reads it whenever it builds a layer.
     */
    static synchronized void allowHelpers() {
        if (System.getProperty(HELPERS_DISABLE) == null) {
            System.setProperty(HELPERS_DISABLE, "false");
        }
    }

    /** The CPU's feature flags from /proc/cpuinfo (empty where there is none: then the portable AVX2 build). */
    private static Set<String> cpuFlags() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.<String>copyOf(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * Caps libnd4j's OpenMP threads and OpenBLAS's threads (im2col convolutions are OpenBLAS gemms) at
     * {@code threads}; both can change at any time, so every model applies its own count. Returns it.
     */
    static synchronized int applyThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        return threads;
    }
}
