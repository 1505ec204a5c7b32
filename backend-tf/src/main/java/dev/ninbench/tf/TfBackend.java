package dev.ninbench.tf;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.core.engine.UnsupportedDeviceException;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;

/**
 * The tf engine: TensorFlow Java, libtensorflow from the {@code tensorflow-core-native} jar (its CPU build, or its GPU
 * build with {@code mvn -Pcuda}, which computes on the CPU or a GPU). This class is the tuned variant, {@code tf},
 * whose loss and SGD update are raw ops; {@link TfIdiomaticBackend}, {@code tf-idiomatic}, takes them from
 * tensorflow-framework.
 */
public final class TfBackend implements Backend {
    static final String NAME = "tf";
    /** What this variant is: a graph built with {@code Ops}, TensorFlow's own gradients and its SGD op. */
    static final String MODEL = "graph from Ops, addGradients, ApplyGradientDescent";
    private static final String JAVA_API = "TensorFlow Java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendInfo info(ModelOptions options) {
        return info(NAME, MODEL, options);
    }

    /**
     * What the engine is and how it runs, for the variant {@code name}, whose {@code model} setting is {@code model}:
     * everything else is the engine's, the same on every variant.
     */
    static BackendInfo info(String name, String model, ModelOptions options) {
        String api = Failures.mavenVersion(TensorFlow.class, "org.tensorflow", "tensorflow-core-api");
        return BackendInfo.probe(name, JAVA_API + " " + api, () -> {
            String tensorflow = TensorFlow.version(); // loads the native library: the check that it works here
            Map<String, String> settings = new LinkedHashMap<>();
            // exactly what TfModel gives its sessions
            ConfigProto session = TfModel.sessionConfig(options.effectiveThreads(), options.device());
            settings.put(SettingKeys.THREADS_INTRAOP, Integer.toString(session.getIntraOpParallelismThreads()));
            settings.put(SettingKeys.THREADS_INTEROP, Integer.toString(session.getInterOpParallelismThreads()));
            // the pools are process-wide and sized by the first session (TfModel.threads): the device listing's, which
            // asks for the threads above, so the recorded threads are the ones every later session gets
            settings.put("threads.pools", "process-wide, sized by the first session: the device listing, with these "
                    + "threads");
            settings.put("tensorflow.java.version", api);
            settings.put("tensorflow.version", tensorflow);
            settings.put(SettingKeys.MODEL, model);
            settings.put(SettingKeys.MEMORY_FORMAT, "nhwc");
            // both are read once, when the library loads; TensorFlow 2.18 uses oneDNN on x86 unless the first is 0
            String onednn = envOrUnset("TF_ENABLE_ONEDNN_OPTS");
            settings.put("TF_ENABLE_ONEDNN_OPTS", onednn);
            settings.put(SettingKeys.ONEDNN, Boolean.toString(!gpuBuild() && !"0".equals(onednn)));
            settings.put("TF_CPP_MIN_LOG_LEVEL", envOrUnset("TF_CPP_MIN_LOG_LEVEL"));
            settings.put("NVIDIA_TF32_OVERRIDE", envOrUnset("NVIDIA_TF32_OVERRIDE"));
            settings.put(SettingKeys.NATIVE_BUILD, gpuBuild() ? "gpu" : "cpu");
            BackendInfo info = new BackendInfo(name, JAVA_API + " " + api + " / TensorFlow " + tensorflow, api,
                    options.device().toString(), true, null, settings, TfDevices.list(options.effectiveThreads()));
            return info.usableOn(options.device(), () -> refusal(name, info, options.device()).getMessage());
        });
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        requireDevice(NAME, options);
        return new TfModel(spec, init, options, NinGraph.Training.RAW_OPS);
    }

    /** Loads TensorFlow, and refuses a device it does not see, with the reason, naming {@code name} as the engine. */
    static void requireDevice(String name, ModelOptions options) {
        Device device = options.device();
        List<String> devices;
        try {
            TensorFlow.version();
            devices = device.isGpu() ? TfDevices.list(options.effectiveThreads()) : List.of(Device.CPU.toString());
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("TensorFlow cannot start: " + Failures.oneLine(e), e);
        }
        BackendInfo seen = new BackendInfo(name, JAVA_API, "?", device.toString(), true, null, null, devices);
        if (!seen.sees(device)) {
            throw refusal(name, seen, device);
        }
    }

    private static UnsupportedDeviceException refusal(String name, BackendInfo info, Device device) {
        long gpus = info.devices().stream().filter(d -> d.startsWith("gpu:")).count();
        String why;
        if (!gpuBuild()) {
            why = "this engine folder has TensorFlow's CPU build (tensorflow-core-native linux-x86_64); build the GPU "
                    + "one with mvn -Pcuda package";
        } else if (gpus == 0) {
            why = "TensorFlow's GPU build sees no GPU (it needs an NVIDIA driver, CUDA 12.5 and cuDNN 9; "
                    + "CUDA_VISIBLE_DEVICES=" + System.getenv("CUDA_VISIBLE_DEVICES") + ")";
        } else {
            why = "TensorFlow sees " + gpus + " GPU(s), gpu:0 to gpu:" + (gpus - 1);
        }
        return new UnsupportedDeviceException(name, device, why);
    }

    /** Whether libtensorflow is the GPU build: its jar keeps the natives under a platform folder of its own. */
    static boolean gpuBuild() {
        return TfBackend.class.getClassLoader().getResource("org/tensorflow/internal/c_api/linux-x86_64-gpu/") != null;
    }

    private static String envOrUnset(String name) {
        String value = System.getenv(name);
        return value == null ? "unset" : value;
    }
}
