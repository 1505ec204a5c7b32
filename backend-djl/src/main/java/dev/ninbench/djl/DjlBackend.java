package dev.ninbench.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.core.engine.UnsupportedDeviceException;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.record.PortablePaths;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DJL engine: DJL's PyTorch engine, libtorch from the {@code pytorch-native-cpu} jar, or from
 * {@code pytorch-native-cu124} in the CUDA build ({@code mvn -Pcuda}), which computes on the CPU or a GPU.
 */
public final class DjlBackend implements Backend {
    static final String NAME = "djl";
    /**
     * Whether models keep their conv weights, and so all activations, channels-last (NHWC in memory), the layout
     * PyTorch recommends for CPU convolutions. In the default NCHW layout libtorch hands oneDNN plain tensors and
     * oneDNN reorders every activation to its blocked layout and back, around every convolution; channels-last
     * trains faster with the same results up to float rounding (docs/engine-facts.md, "DJL (PyTorch engine)").
     * {@code -Dninbench.djl.channelsLast=false} restores PyTorch's default layout, the one the d2l Python code runs.
     */
    static final boolean CHANNELS_LAST =
            Boolean.parseBoolean(System.getProperty("ninbench.djl.channelsLast", "true"));
    /** The setting {@code model}: how this path builds and trains the net. */
    static final String MODEL = "torch ops on parameter tensors (JniUtils)" + (CHANNELS_LAST ? ", channels-last" : "");
    private static final String PYTORCH = "PyTorch";
    /** The variable libtorch's CPU allocator reads to ask for transparent huge pages (engine.properties). */
    static final String THP_ALLOC = "THP_MEM_ALLOC_ENABLE";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendInfo info(ModelOptions options) {
        return info(NAME, options, CHANNELS_LAST ? "nhwc" : "nchw", MODEL, Map.of());
    }

    /**
     * What DJL's PyTorch engine reports for a backend called {@code name}: versions, libtorch's features and threads,
     * the devices it sees, and the path's own {@code memoryFormat} and {@code model}; usable only on the devices
     * libtorch sees.
     *
     * @param memoryFormat the activations' layout in the convolutions on this path ({@link SettingKeys#MEMORY_FORMAT})
     * @param model        a short label of how the path builds and trains the net (the setting {@code model})
     */
    static BackendInfo info(String name, ModelOptions options, String memoryFormat, String model,
                            Map<String, String> pathSettings) {
        String djl = djlVersion();
        return BackendInfo.probe(name, "DJL " + djl + " / PyTorch", () -> {
            Engine engine = pytorch(options.effectiveThreads());
            Set<String> features = new TreeSet<>(JniUtils.getFeatures());
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(SettingKeys.THREADS_INTRAOP, Integer.toString(JniUtils.getNumThreads()));
            settings.put(SettingKeys.THREADS_INTEROP, Integer.toString(JniUtils.getNumInteropThreads()));
            settings.put("djl.version", djl);
            settings.put("pytorch.version", engine.getVersion());
            // libtorch's build flags as torch::show_config reports them (MKLDNN = oneDNN convolutions, MKL = BLAS)
            settings.put("pytorch.features", String.join(",", features));
            settings.put(SettingKeys.ONEDNN, Boolean.toString(features.contains("MKLDNN")));
            settings.put("mkl", Boolean.toString(features.contains("MKL")));
            settings.put(SettingKeys.MEMORY_FORMAT, memoryFormat);
            settings.put(SettingKeys.MODEL, model);
            settings.put("libtorch", PortablePaths.home(LibUtils.getLibtorchPath()));
            settings.put("ai.djl.offline", String.valueOf(System.getProperty("ai.djl.offline")));
            settings.put(SettingKeys.NATIVE_BUILD, features.contains("CUDA") ? "gpu" : "cpu");
            settings.put("NVIDIA_TF32_OVERRIDE", String.valueOf(System.getenv("NVIDIA_TF32_OVERRIDE")));
            // huge pages for libtorch's large allocations (the launcher sets it on the tuned path)
            settings.put(THP_ALLOC, Objects.requireNonNullElse(System.getenv(THP_ALLOC), "unset"));
            settings.put("transparent_hugepage", transparentHugepageMode());
            // the allocator libtorch's tensors come from (the launcher picks one that reuses memory on the tuned path)
            settings.put("malloc", Environment.malloc(System.getenv()));
            settings.putAll(pathSettings);
            BackendInfo info = new BackendInfo(name, "DJL " + djl + " / PyTorch " + engine.getVersion(), djl,
                    options.device().toString(), true, null, settings, devices(engine));
            return info.usableOn(options.device(), () -> refusal(name, engine, options.device()).getMessage());
        });
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        Engine engine = startOn(NAME, options);
        return new DjlModel(engine, spec, init, options, CHANNELS_LAST);
    }


    /**
     * The engine with the options' threads, once it is clear that it can use their device; else the refusal, in the
     * name of the backend {@code name}.
     */
    static Engine startOn(String name, ModelOptions options) {
        Engine engine;
        try {
            engine = pytorch(options.effectiveThreads());
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("DJL's PyTorch engine cannot start: " + Failures.oneLine(e), e);
        }
        Device device = options.device();
        if (device.isGpu() && device.index() >= gpuCount(engine)) {
            throw refusal(name, engine, device);
        }
        return engine;
    }

    /** "cpu", then each GPU libtorch can use, with its compute capability and memory where CUDA tells them. */
    private static List<String> devices(Engine engine) {
        List<String> devices = new ArrayList<>(List.of(Device.CPU.toString()));
        for (int i = 0; i < gpuCount(engine); i++) {
            String what;
            try {
                long bytes = CudaUtils.getGpuMemory(ai.djl.Device.gpu(i)).getMax();
                what = String.format(" (CUDA compute capability %s, %.1f GiB)", CudaUtils.getComputeCapability(i),
                        bytes / (double) (1L << 30));
            } catch (RuntimeException | LinkageError e) {
                what = "";
            }
            devices.add(Device.gpu(i) + what);
        }
        return devices;
    }

    /** GPUs this libtorch can use: none with the CPU natives, else as many as CUDA sees. */
    static int gpuCount(Engine engine) {
        return engine.hasCapability(StandardCapabilities.CUDA) ? engine.getGpuCount() : 0;
    }

    private static UnsupportedDeviceException refusal(String name, Engine engine, Device device) {
        int gpus = gpuCount(engine);
        String why;
        if (!engine.hasCapability(StandardCapabilities.CUDA)) {
            why = "this engine folder has PyTorch's CPU natives (pytorch-native-cpu); build the CUDA one with "
                    + "mvn -Pcuda package";
        } else if (gpus == 0) {
            why = "libtorch is a CUDA build but sees no GPU (driver missing, or CUDA_VISIBLE_DEVICES="
                    + System.getenv("CUDA_VISIBLE_DEVICES") + ")";
        } else {
            why = "libtorch sees " + gpus + " GPU(s), gpu:0 to gpu:" + (gpus - 1);
        }
        return new UnsupportedDeviceException(name, device, why);
    }

    /**
     * Loads the PyTorch engine (once per JVM) with downloads off and the given intra-op thread count.
     *
     * <p>DJL reads {@code ai.djl.pytorch.num_threads}/{@code num_interop_threads} when the engine loads; libtorch
     * allows the inter-op count to be set only once, before any parallel work, so it is set that way (1: eager
     * training runs its ops one after the other and never uses the inter-op pool). The intra-op count (OpenMP,
     * what convolutions and GEMMs use) can change at any time, so it is set again on every call.
     */
    static synchronized Engine pytorch(int threads) {
        // never download: libtorch must come from the jars; also no usage ping (DJL's Ec2Utils.callHome)
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("OPT_OUT_TRACKING", System.getProperty("OPT_OUT_TRACKING", "true"));
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
        Engine engine = Engine.getEngine(PYTORCH);
        if (JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    private static String djlVersion() {
        try {
            return Engine.getDjlVersion();
        } catch (RuntimeException | Error e) { // only a version label, never worth failing for
            return "?";
        }
    }

    /**
     * The machine's transparent-huge-page mode ({@code always}, {@code madvise} or {@code never}, the bracketed word of
     * /sys/kernel/mm/transparent_hugepage/enabled), which decides whether {@link #THP_ALLOC} can do anything.
     */
    static String transparentHugepageMode() {
        try {
            String line = Files.readString(Path.of(THP_MODE_FILE)).trim();
            Matcher m = Pattern.compile("\\[(\\w+)]").matcher(line);
            return m.find() ? m.group(1) : line;
        } catch (IOException | RuntimeException e) {
            return "unknown (" + THP_MODE_FILE + " unreadable)";
        }
    }

    private static final String THP_MODE_FILE = "/sys/kernel/mm/transparent_hugepage/enabled";
}
