package dev.ninbench.dl4j;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.record.PortablePaths;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Deeplearning4j engine on ND4J's CPU backend (libnd4j + OpenBLAS, oneDNN where the CPU has AVX-512), or, built
 * with {@code mvn -Pcuda}, on ND4J's CUDA backend (libnd4j for CUDA 11.6 with cuDNN), which computes on GPUs only.
 * This class is the tuned variant, {@code dl4j}: libnd4j's ops called directly ({@link Dl4jNet#OPS});
 * {@link Dl4jIdiomaticBackend}, {@code dl4j-idiomatic}, is DL4J's MultiLayerNetwork ({@link Dl4jNet#LAYERS}).
 */
public sealed class Dl4jBackend implements Backend permits Dl4jIdiomaticBackend {
    static final String NAME = "dl4j";
    private final Dl4jNet net;

    /** The tuned variant, {@code dl4j}. */
    public Dl4jBackend() {
        this(Dl4jNet.OPS);
    }

    Dl4jBackend(Dl4jNet net) {
        this.net = net;
    }

    private Dl4jNet net() {
        return net;
    }

    @Override
    public String name() {
        return net.engineName;
    }

    @Override
    public BackendInfo info(ModelOptions options) {
        String dl4j = Failures.mavenVersion(Dl4jBackend.class, "org.deeplearning4j", "deeplearning4j-nn");
        return BackendInfo.probe(name(), "Deeplearning4j " + dl4j + " / ND4J", () -> {
            String build = Nd4jRuntime.selectNativeBuild();
            Nd4jRuntime.allowHelpers();
            int threads = Nd4jRuntime.applyThreads(options.effectiveThreads());
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(SettingKeys.THREADS_INTRAOP, Integer.toString(threads));
            settings.put(SettingKeys.THREADS_INTEROP, "1"); // libnd4j runs a step's ops one after the other
            settings.put("nd4j.maxThreads", Integer.toString(Nd4j.getEnvironment().maxThreads()));
            settings.put("nd4j.maxMasterThreads", Integer.toString(Nd4j.getEnvironment().maxMasterThreads()));
            settings.put("blas", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
            settings.put("blas.threads", Integer.toString(Nd4j.factory().blas().getMaxThreads()));
            settings.put(SettingKeys.NATIVE_BUILD, build);
            settings.put(SettingKeys.ONEDNN, Boolean.toString(build.contains("onednn")));
            settings.put("nd4j.backend", String.valueOf(env.get("backend")));
            // the allocator libnd4j's and oneDNN's per-op buffers come from (the launcher picks one that reuses
            // memory on the tuned path)
            settings.put("malloc", Environment.malloc(System.getenv()));
            Dl4jNet net = net();
            settings.put(SettingKeys.MODEL, net.description);
            settings.put(SettingKeys.MEMORY_FORMAT, net == Dl4jNet.OPS ? "nhwc" : "nchw");
            if (net == Dl4jNet.LAYERS) {
                settings.put("layers", Nd4jRuntime.layers());
                settings.put(Nd4jRuntime.HELPERS_DISABLE, System.getProperty(Nd4jRuntime.HELPERS_DISABLE));
            }
            for (String key : List.of("org.bytedeco.javacpp.cachedir", "org.bytedeco.javacpp.maxbytes",
                    "org.bytedeco.javacpp.maxphysicalbytes")) {
                settings.put(key, PortablePaths.home(String.valueOf(System.getProperty(key))));
            }
            for (String var : List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_THREAD_TIMEOUT")) {
                settings.put(var, String.valueOf(System.getenv(var)));
            }
            settings.put("NVIDIA_TF32_OVERRIDE", String.valueOf(System.getenv("NVIDIA_TF32_OVERRIDE")));
            BackendInfo info = new BackendInfo(name(), "Deeplearning4j " + dl4j + " / ND4J " + env.get("backend") + " ("
                    + (build.isEmpty() ? "linux-x86_64" : build.replaceFirst("^-", "")) + " build)",
                    dl4j, options.device().toString(), true, null, settings, Nd4jRuntime.devices(env));
            return info.usableOn(options.device(), () -> Nd4jRuntime.refusal(info, options.device()).getMessage());
        });
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        Nd4jRuntime.start(name(), options);
        return net() == Dl4jNet.OPS ? new Dl4jOpsModel(spec, init, options) : new Dl4jLayersModel(spec, init, options);
    }

}
