package dev.ninbench.core.engine;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.DatasetException;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An engine without a native library, for testing the trainer, the worker and the launcher. Its "training" is a
 * scripted loss curve and its logits pick the true label for every other image (accuracy 0.5), so tests can
 * assert exact numbers. {@code NINBENCH_FAKE} (environment) or {@code ninbench.fake} (system property) makes it
 * misbehave: {@code unavailable}, {@code nan} (loss becomes NaN in epoch 2), {@code crash} (the JVM halts in
 * epoch 2, as a native crash would), {@code segv} (a real native crash in epoch 2: the JVM writes its crash
 * report), {@code oom} (OutOfMemoryError in epoch 2), or slows it down: {@code slow}
 * (every step takes 20 ms, so a test can stop the launcher while an engine trains).
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
        BackendInfo info = new BackendInfo(name(), "Fake 1.0", "1.0", options.device().toString(), true, null,
                Map.of(SettingKeys.THREADS_INTRAOP, String.valueOf(options.effectiveThreads()), SettingKeys.THREADS_INTEROP, "1",
                        SettingKeys.ONEDNN, "false", SettingKeys.NATIVE_BUILD, "cpu", SettingKeys.MEMORY_FORMAT, "nchw",
                        SettingKeys.MODEL, "a scripted loss curve"),
                List.of(Device.CPU.toString()));
        return info.sees(options.device()) ? info : info.unusable(noGpu(options.device()).getMessage());
    }

    @Override
    public Model open(NinSpec spec, NinWeights init, ModelOptions options) {
        if (options.device().isGpu()) {
            throw noGpu(options.device());
        }
        return new FakeModel(spec, init, mode());
    }

    /**
     * The fake's kernels do no work when they run (the launcher's tests time them at the published sizes, which plain
     * Java would take seconds over); their output is the plain-Java reference, so they pass the kernel contract.
     */
    public static final class Kernels implements PeakKernels {
        @Override
        public String engine() {
            return new FakeBackend().name();
        }

        @Override
        public KernelRun open(Kernel kernel, long seed, ModelOptions options) {
            if (options.device().isGpu()) {
                throw new FakeBackend().noGpu(options.device());
            }
            return reference(kernel, seed);
        }
    }

    private static KernelRun reference(Kernel kernel, long seed) {
        return new KernelRun() {
            @Override
            public void run() {
            }

            @Override
            public float[] output() {
                return KernelReference.compute(kernel, kernel.inputs(seed));
            }

            @Override
            public void close() {
            }
        };
    }

    private UnsupportedDeviceException noGpu(Device device) {
        return new UnsupportedDeviceException(name(), device, "the fake engine computes on the cpu only");
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
            float state = weights.get(stateTensor(spec)).data()[0];
            this.steps = state >= 0.5f && state - 0.5f == Math.floor(state) ? (int) state : 0;
        }

        /**
         * The fake's only state, its step count (its loss follows it), lives in its weights, as a real model's state
         * does: element 0 of the first bias holds {@code steps + 0.5}, which no initial bias (|b| &lt; 0.5) can be. So a
         * checkpoint carries it, and a resumed fake goes on where the interrupted one stopped.
         */
        private static String stateTensor(NinSpec spec) {
            return spec.parameters().get(1).name();
        }

        @Override
        public void reseed(long seed) {
            check(); // the fake draws nothing at random
        }

        @Override
        public StepResult trainStep(Batch batch, StepDropout dropout) {
            check();
            steps++;
            if (mode.equals("slow")) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (evalCalls > 0) { // an evaluation has happened, so this is epoch 2 or later
                switch (mode) {
                    case "nan" -> {
                        return new StepResult(Float.NaN, predictions(batch));
                    }
                    case "crash" -> Runtime.getRuntime().halt(134);
                    case "segv" -> segfault();
                    case "oom" -> throw new OutOfMemoryError("Java heap space (fake)");
                    default -> { }
                }
            }
            return new StepResult((float) (2.3 * Math.exp(-0.01 * steps)), predictions(batch));
        }

        @Override
        public float[] logits(Batch batch) {
            check();
            evalCalls++;
            return predictions(batch);
        }

        /** Writes to address 0, as a broken native library would: the JVM dies with its crash report. */
        private static void segfault() {
            try {
                java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                ((sun.misc.Unsafe) f.get(null)).putAddress(0L, 0L);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no Unsafe to crash with", e);
            }
        }

        /** Logits that are right on every even image and wrong on every odd one: accuracy 0.5 on even batches. */
        private float[] predictions(Batch batch) {
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
            Map<String, Tensor> tensors = new LinkedHashMap<>(weights.tensors());
            Tensor state = tensors.get(stateTensor(spec));
            float[] data = state.data().clone();
            if (steps > 0) {
                data[0] = steps + 0.5f;
            }
            tensors.put(stateTensor(spec), new Tensor(state.shape(), data));
            return NinWeights.of(spec, tensors);
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
