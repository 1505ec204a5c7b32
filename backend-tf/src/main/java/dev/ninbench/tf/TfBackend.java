package dev.ninbench.tf;

import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;

/** The tf engine: TensorFlow Java (libtensorflow from the {@code tensorflow-core-native} jar), on the CPU. */
public final class TfBackend implements Backend {
    static final String NAME = "tf";
    private static final String JAVA_API = "TensorFlow Java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendInfo info(ModelOptions options) {
        String api = Failures.mavenVersion(TensorFlow.class, "org.tensorflow", "tensorflow-core-api");
        try {
            String tensorflow = TensorFlow.version(); // loads the native library: the check that it works here
            Map<String, String> settings = new LinkedHashMap<>();
            // exactly what TfModel gives its sessions
            ConfigProto session = TfModel.sessionConfig(options.effectiveThreads());
            settings.put("threads.intraop", Integer.toString(session.getIntraOpParallelismThreads()));
            settings.put("threads.interop", Integer.toString(session.getInterOpParallelismThreads()));
            settings.put("tensorflow.java.version", api);
            settings.put("tensorflow.version", tensorflow);
            settings.put("data_format", "NHWC");
            // both are read once, when the library loads; TensorFlow 2.18 uses oneDNN on x86 when the first is unset
            settings.put("TF_ENABLE_ONEDNN_OPTS", envOrUnset("TF_ENABLE_ONEDNN_OPTS"));
            settings.put("TF_CPP_MIN_LOG_LEVEL", envOrUnset("TF_CPP_MIN_LOG_LEVEL"));
            return new BackendInfo(NAME, JAVA_API + " " + api + " / TensorFlow " + tensorflow, api, "cpu", true, null,
                    settings);
        } catch (Throwable e) { // NOPMD: a missing native library shows up as an Error, and info() must not throw
            return BackendInfo.unavailable(NAME, JAVA_API + " " + api, Failures.oneLine(e));
        }
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        if (!"cpu".equals(options.device())) {
            throw new IllegalArgumentException("the tf engine runs on the cpu only, got device " + options.device());
        }
        try {
            TensorFlow.version();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("TensorFlow cannot start: " + Failures.oneLine(e), e);
        }
        return new TfModel(spec, init, options);
    }

    private static String envOrUnset(String name) {
        String value = System.getenv(name);
        return value == null ? "unset" : value;
    }
}
