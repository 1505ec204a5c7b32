package dev.ninbench.dl4j;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.UnsupportedDeviceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Starting ND4J in an engine JVM: which native build it loads (chosen from the CPU's flags before it loads), DL4J's
 * layer helpers, thread caps, and the devices it can compute on. Everything here acts on the JVM's one ND4J.
 */
final class Nd4jRuntime {
    /** JavaCPP's switch between the native builds shipped in the engine folder (see the module's pom.xml). */
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    /** DL4J's switch for its layer helpers (oneDNN on the CPU); M2.1 defaults it to true, i.e. no helpers. */
    static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** The CUDA build's natives: libnd4j for CUDA with cuDNN (classifier linux-x86_64-cudnn, see the pom's cuda profile). */
    static final String CUDA_EXTENSION = "-cudnn";
    /** ND4J's CUDA backend: on the classpath exactly when the engine folder is the CUDA build. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    /** The CPU flags libnd4j's AVX-512 build is compiled for; without all of them it would die on SIGILL. */
    private static final Set<String> AVX512_FLAGS = Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");

    private Nd4jRuntime() {
    }

    /**
     * Loads ND4J (its native build chosen first) with the options' threads, refuses a device it does not have, and
     * ties this thread to the GPU when there is one: everything built on this thread afterwards lives there.
     */
    static void start(String engine, ModelOptions options) {
        BackendInfo seen;
        try {
            selectNativeBuild();
            allowHelpers();
            applyThreads(options.effectiveThreads());
            seen = new BackendInfo(engine, "Deeplearning4j", "?", options.device().toString(), true, null, null,
                    devices(Nd4j.getExecutioner().getEnvironmentInformation()));
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("ND4J cannot start: " + Failures.oneLine(e), e);
        }
        if (!seen.sees(options.device())) {
            throw refusal(seen, options.device());
        }
        if (options.device().isGpu()) {
            // ND4J ties each thread to a GPU; the model is built and used on this thread, so all of it is on that GPU
            Nd4j.getAffinityManager().unsafeSetDevice(options.device().index());
        }
    }

    static boolean cudaBuild() {
        try {
            Class.forName(CUDA_BACKEND, false, Nd4jRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The CPU build computes on "cpu" only; the CUDA build on its GPUs only, each named with its model and memory
     * as ND4J reports them ({@code cuda.devicesInformation}).
     */
    static List<String> devices(Properties env) {
        if (!cudaBuild()) {
            return List.of(Device.CPU.toString());
        }
        List<String> devices = new ArrayList<>();
        int count = Nd4j.getAffinityManager().getNumberOfDevices();
        Object info = env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        for (int i = 0; i < count; i++) {
            String what = "";
            if (info instanceof List<?> list && i < list.size() && list.get(i) instanceof Map<?, ?> d) {
                Object memory = d.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY);
                what = " (" + d.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY) + (memory instanceof Number n
                        ? String.format(", %.1f GiB", n.doubleValue() / (1L << 30)) : "") + ")";
            }
            devices.add(Device.gpu(i) + what);
        }
        return devices;
    }

    static UnsupportedDeviceException refusal(BackendInfo info, Device device) {
        String why;
        if (!cudaBuild()) {
            why = "this engine folder has ND4J's CPU backend (nd4j-native); build the CUDA one with mvn -Pcuda package "
                    + "(it needs CUDA 11.6 and cuDNN 8.3)";
        } else if (!device.isGpu()) {
            why = "this engine folder has ND4J's CUDA backend (nd4j-cuda-11.6), which computes on GPUs only; build "
                    + "without -Pcuda for the CPU";
        } else {
            why = "ND4J sees " + info.devices().size() + " GPU(s)"
                    + (info.devices().isEmpty() ? "" : ", gpu:0 to gpu:" + (info.devices().size() - 1));
        }
        return new UnsupportedDeviceException(info.name(), device, why);
    }

    /** How the conv and pooling layers compute: what DL4J's HelperUtils decides when it builds a layer. */
    static String layers() {
        if (cudaBuild()) {
            return "DL4J on ND4J's CUDA backend (cuDNN where DL4J has a helper for the layer)";
        }
        boolean onednnLayers = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE))
                && BaseMKLDNNHelper.mklDnnEnabled();
        return onednnLayers ? "oneDNN helpers (libnd4j conv2d/maxpool2d ops)" : "DL4J built-in (im2col + gemm)";
    }

    /**
     * Picks the native build before ND4J loads (once per JVM; a later change would not be seen): the one a user
     * named with {@code -Dorg.bytedeco.javacpp.platform.extension}, else the cuDNN build for ND4J's CUDA backend,
     * else oneDNN + AVX-512 where the CPU has AVX-512, else AVX2. Returns the extension in use.
     */
    static synchronized String selectNativeBuild() {
        String chosen = System.getProperty(PLATFORM_EXTENSION);
        if (chosen == null && cudaBuild()) {
            chosen = CUDA_EXTENSION;
            System.setProperty(PLATFORM_EXTENSION, chosen);
        } else if (chosen == null) {
            chosen = cpuFlags().containsAll(AVX512_FLAGS) ? "-onednn-avx512" : "-avx2";
            System.setProperty(PLATFORM_EXTENSION, chosen);
        }
        return chosen;
    }

    /**
     * Lets DL4J's layers use its oneDNN helpers (libnd4j's conv2d/maxpool2d ops with oneDNN instead of im2col + gemm;
     * with the {@link org.nd4j.nativeblas.Nd4jCpu} bridge that makes them findable in M2.1): several times faster,
     * results equal to float rounding (docs/engine-facts.md, "Deeplearning4j").
     * {@code -Dorg.eclipse.deeplearning4j.helpers.disable=true}
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
     * Caps libnd4j's own threads, OpenBLAS's threads (im2col convolutions are OpenBLAS gemms) and the OpenMP threads
     * of the calling thread's parallel regions (libnd4j's oneDNN convolutions; {@code setMaxThreads} does not cap
     * those: at 1 thread a JMH fork kept 1.7 cores busy without it) at {@code threads}; all can change at any time,
     * so every model applies its own count, on the thread that will run its ops. Returns it.
     */
    static synchronized int applyThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        return threads;
    }
}
