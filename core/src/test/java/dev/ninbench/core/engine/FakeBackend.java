package dev.ninbench.core.engine;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.DatasetException;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import java.util.Map;

/**
 * An engine without a native library, for testing the trainer, the worker and the launcher. Its "training" is a
 * scripted loss curve and its logits pick the true label for every other image (accuracy 0.5), so tests can
 * assert exact numbers. {@code NINBENCH_FAKE} (environment) or {@code ninbench.fake} (system property) makes it
 * misbehave: {@code unavailable}, {@code nan} (loss becomes NaN in epoch 2), {@code crash} (the JVM halts in
 * epoch 2, as a native crash would), {@code oom} (OutOfMemoryError in epoch 2).
 */
public final class FakeBackend implements Backend {
    public static final String NAME = "fake";

    /** "fake", or another name given by {@code -Dninbench.fake.alias} (so one test can run two differing fakes). */
    @Override
    public String name() {
        return System.getProperty("ninbench.fake.alias", NAME);
    }

    @Override
    public BackendInfo info(ModelOptions options) {
        if ("unavailable".equals(mode())) {
            return BackendInfo.unavailable(name(), "Fake 1.0", "libfake.so: cannot open shared object file");
        }
        return new BackendInfo(name(), "Fake 1.0", "1.0", "cpu", true, null,
                Map.of("threads", String.valueOf(options.effectiveThreads())));
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        return new FakeModel(spec, init, mode());
    }

    static String mode() {
        String m = System.getProperty("ninbench.fake", System.getenv("NINBENCH_FAKE"));
        return m == null ? "" : m;
    }

    /** True when the real Fashion-MNIST can be found the way a user's run would find it. */
    public static boolean realDataPresent() {
        try {
            FashionMnist.locate(null);
            return true;
        } catch (DatasetException e) {
            return false;
        }
    }

    private static final class FakeModel implements Model {
        private final NinSpec spec;
        private final NinWeights weights;
        private final String mode;
        private int steps;
        private int evalCalls;
        private boolean closed;

        FakeModel(NinSpec spec, NinWeights weights, String mode) {
            this.spec = spec;
            this.weights = weights;
            this.mode = mode;
        }

        @Override
        public float trainStep(Batch batch) {
            check();
            steps++;
            if (evalCalls > 0) { // an evaluation has happened, so this is epoch 2 or later
                switch (mode) {
                    case "nan" -> {
                        return Float.NaN;
                    }
                    case "crash" -> Runtime.getRuntime().halt(134);
                    case "oom" -> throw new OutOfMemoryError("Java heap space (fake)");
                    default -> { }
                }
            }
            return (float) (2.3 * Math.exp(-0.01 * steps));
        }

        @Override
        public float[] logits(Batch batch) {
            check();
            evalCalls++;
            float[] out = new float[batch.size() * spec.classes()];
            for (int i = 0; i < batch.size(); i++) {
                int predicted = i % 2 == 0 ? batch.labels()[i] : (batch.labels()[i] + 1) % spec.classes();
                out[i * spec.classes() + predicted] = 1f;
            }
            return out;
        }

        @Override
        public NinWeights weights() {
            check();
            return weights;
        }

        @Override
        public void close() {
            closed = true;
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("model is closed");
            }
        }
    }
}
