package dev.ninbench.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The DJL engine: DJL's PyTorch engine (libtorch from the {@code pytorch-native-cpu} jar), on the CPU. */
public final class DjlBackend implements Backend {
    static final String NAME = "djl";
    /**
     * Whether models keep their conv weights, and so all activations, channels-last (NHWC in memory), the layout
     * PyTorch recommends for CPU convolutions. In the default NCHW layout libtorch hands oneDNN plain tensors and
     * oneDNN reorders every activation to its blocked layout and back, around every convolution. Measured on a
     * 2-core AVX-512 Xeon (d2l net, 96 px, batch 128): those reorders took ~20 % of a training step; channels-last
     * trained 1.3x faster on 1 thread and ~1.2x on 2 (~400 vs ~340 img/s), with the same results up to float
     * rounding. {@code -Dninbench.djl.channelsLast=false} restores PyTorch's default layout, the one the d2l
     * Python code runs.
     */
    static final boolean CHANNELS_LAST =
            Boolean.parseBoolean(System.getProperty("ninbench.djl.channelsLast", "true"));
    private static final String PYTORCH = "PyTorch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendInfo info(ModelOptions options) {
        String djl = djlVersion();
        try {
            Engine engine = pytorch(options.effectiveThreads());
            Set<String> features = new TreeSet<>(JniUtils.getFeatures());
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("threads.intraop", Integer.toString(JniUtils.getNumThreads()));
            settings.put("threads.interop", Integer.toString(JniUtils.getNumInteropThreads()));
            settings.put("djl.version", djl);
            settings.put("pytorch.version", engine.getVersion());
            // libtorch's build flags as torch::show_config reports them (MKLDNN = oneDNN convolutions, MKL = BLAS)
            settings.put("pytorch.features", String.join(",", features));
            settings.put("onednn", Boolean.toString(features.contains("MKLDNN")));
            settings.put("mkl", Boolean.toString(features.contains("MKL")));
            settings.put("memory_format", CHANNELS_LAST ? "channels_last" : "contiguous");
            settings.put("libtorch", LibUtils.getLibtorchPath());
            settings.put("ai.djl.offline", String.valueOf(System.getProperty("ai.djl.offline")));
            return new BackendInfo(NAME, "DJL " + djl + " / PyTorch " + engine.getVersion(), djl, "cpu", true, null,
                    settings);
        } catch (Throwable e) { // NOPMD: a missing native library shows up as Error, and info() must not throw
            return BackendInfo.unavailable(NAME, "DJL " + djl + " / PyTorch", Failures.oneLine(e));
        }
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        if (!"cpu".equals(options.device())) {
            throw new IllegalArgumentException("the djl engine runs on the cpu only, got device " + options.device());
        }
        Engine engine;
        try {
            engine = pytorch(options.effectiveThreads());
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("DJL's PyTorch engine cannot start: " + Failures.oneLine(e), e);
        }
        return new DjlModel(engine, spec, init, options, CHANNELS_LAST);
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
        } catch (RuntimeException | Error e) { // NOPMD: only a version label, never worth failing for
            return "?";
        }
    }
}
