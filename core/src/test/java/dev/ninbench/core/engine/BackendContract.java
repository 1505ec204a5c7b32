package dev.ninbench.core.engine;

import static dev.ninbench.core.weights.FixtureGenerator.fixture;
import static dev.ninbench.core.weights.FixtureGenerator.fixtureSpec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.Dataset;
import dev.ninbench.core.data.Epochs;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import dev.ninbench.core.train.Evaluation;
import dev.ninbench.core.weights.FixtureGenerator;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Safetensors;
import dev.ninbench.core.weights.SafetensorsFile;
import dev.ninbench.core.weights.Tensor;
import dev.ninbench.core.weights.XavierInit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every engine passes (the TCK pattern): each engine module's test extends this class and returns its
 * {@link Backend}. References come from PyTorch itself (fixtures/, made by bench/src/main/python/nin_reference.py),
 * so an engine that agrees with them computes what the d2l code computes.
 */
public abstract class BackendContract {
    /** Logit tolerance against PyTorch: float32 convolutions summed in another order differ by ~1e-6 here. */
    protected static final double LOGIT_TOLERANCE = 1e-4;

    /** The device the contract runs on ({@link TestDevice}: {@code cpu}, or the GPU in {@code mvn -Pcuda verify}). */
    protected static final Device DEVICE = TestDevice.DEVICE;

    private static final long KERNEL_SEED = 5;
    private static final String TRAINED = dev.ninbench.core.weights.TrainedFixtureGenerator.FOLDER;

    /** The engine under test. */
    protected abstract Backend backend();

    /** Options for the engine under test (2 threads: tests must not fight over the CI machine's 2 cores). */
    protected ModelOptions options(double learningRate) {
        return new ModelOptions(learningRate, FixtureGenerator.WEIGHTS_SEED, 2, DEVICE);
    }

    /**
     * Every test needs the engine on {@link #DEVICE}. Where it cannot run there (a CUDA build on a machine without a
     * GPU) the tests are skipped, and say why, rather than run somewhere else and pass.
     */
    @BeforeEach
    void requireTestDevice() {
        BackendInfo info = backend().info(new ModelOptions(0.1, 1, 2, Device.CPU));
        assumeTrue(!DEVICE.isGpu() || info.sees(DEVICE), backend().name() + " has no " + DEVICE + " here (it sees "
                + info.devices() + (info.available() ? "" : "; " + info.unavailableReason()) + "): contract not run");
    }

    @Test
    void isFoundByServiceLoaderAndUsable() {
        Backend b = backend();
        assertEquals(b.getClass(), Backends.named(b.name()).getClass());
        BackendInfo info = b.info(options(0.1));
        assertTrue(info.available(), "engine not usable: " + info.unavailableReason());
        assertEquals(b.name(), info.name());
        assertFalse(info.engineVersion().isBlank() || info.engineVersion().equals("?"), info.toString());
        assertEquals(DEVICE.toString(), info.device());
        assertTrue(info.sees(DEVICE), info.devices().toString());
        // the settings every engine fills the same way come first, so that tables compare them
        assertEquals(SettingKeys.SHARED, List.copyOf(info.settings().keySet()).subList(0, SettingKeys.SHARED.size()),
                info.settings().toString());
        assertEquals(String.valueOf(options(0.1).threads()), info.settings().get(SettingKeys.THREADS_INTRAOP),
                info.settings().toString());
        assertTrue(List.of("true", "false").contains(info.settings().get(SettingKeys.ONEDNN)), info.settings().toString());
        assertTrue(List.of("nchw", "nhwc").contains(info.settings().get(SettingKeys.MEMORY_FORMAT)),
                info.settings().toString());
    }

    @Test
    void devicesNameTheCpuOrGpusTheEngineCanUse() {
        List<String> devices = backend().info(options(0.1)).devices();
        assertFalse(devices.isEmpty());
        for (String d : devices) {
            Device.parse(d.split(" ", 2)[0]); // "cpu", or "gpu:N" followed by what the GPU is
        }
    }

    /** A device the engine does not have is refused, naming engine, device and why: never a quiet CPU run. */
    @Test
    void aDeviceTheEngineDoesNotHaveIsRefusedInOneLine() {
        Device absent = Device.gpu(63);
        ModelOptions options = new ModelOptions(0.1, 1, 2, absent);
        BackendInfo info = backend().info(options);
        assertFalse(info.available());
        assertTrue(info.unavailableReason().contains(backend().name()) && info.unavailableReason().contains("gpu:63")
                && !info.unavailableReason().contains("\n"), info.unavailableReason());
        NinSpec spec = NinSpec.tiny();
        UnsupportedDeviceException e = assertThrows(UnsupportedDeviceException.class,
                () -> backend().open(spec, XavierInit.init(spec, 1), options).close());
        assertTrue(e.getMessage().startsWith(backend().name() + " cannot compute on gpu:63: "), e.getMessage());
        UnsupportedDeviceException k = assertThrows(UnsupportedDeviceException.class,
                () -> Backends.peakKernels(backend().name()).open(Kernel.sgemm(2), 1, options).close());
        // the peak kernels are the engine's own ops, shared by its variants: the refusal names the engine
        String engine = EngineName.parse(backend().name()).engine();
        assertTrue(k.getMessage().startsWith(engine + " cannot compute on gpu:63: "), k.getMessage());
    }

    /**
     * The {@code peak} benchmark's kernels compute what they say, checked on tiny sizes against plain Java: a
     * non-square product would show A and B swapped or transposed, and channels 3 -> 5 and 4 -> 3 a weight layout
     * mixed up. Run twice, since the benchmark runs them again and again on the same inputs.
     */
    @Test
    void peakKernelsComputeTheirOpOnTinySizes() {
        for (Kernel kernel : List.of(Kernel.sgemm(19), Kernel.conv(3, 2, 3, 5, 6), Kernel.conv(5, 2, 4, 3, 7))) {
            float[] want = KernelReference.compute(kernel, kernel.inputs(KERNEL_SEED));
            try (KernelRun run = Backends.peakKernels(backend().name()).open(kernel, KERNEL_SEED, options(0.1))) {
                for (int i = 1; i <= 2; i++) {
                    run.run();
                    assertClose(want, run.output(), 1e-4, kernel.describe() + ", run " + i);
                }
            }
        }
    }

    @Test
    void logitsHaveOneRowOfClassesPerImage() throws Exception {
        NinSpec spec = NinSpec.tiny();
        Batch batch = fixtureBatch("tiny");
        try (Model model = backend().open(spec, XavierInit.init(spec, 1), options(0.1))) {
            float[] logits = model.logits(batch);
            assertEquals(batch.size() * spec.classes(), logits.length);
            for (float v : logits) {
                assertTrue(Float.isFinite(v), "non-finite logit " + v);
            }
        }
    }

    @Test
    void exportedWeightsHaveTheSpecsNamesShapesAndCountAndRoundTripExactly() {
        NinSpec spec = NinSpec.tiny();
        NinWeights init = XavierInit.init(spec, 3);
        try (Model model = backend().open(spec, init, options(0.1))) {
            NinWeights out = model.weights();
            List<String> names = spec.parameters().stream().map(ParamShape::name).toList();
            assertEquals(names, List.copyOf(out.tensors().keySet()));
            assertEquals(spec.parameterCount(), out.parameterCount());
            for (ParamShape p : spec.parameters()) {
                assertArrayEquals(p.shape(), out.get(p.name()).shape(), p.name());
                assertArrayEquals(init.get(p.name()).data(), out.get(p.name()).data(), p.name() + " changed on the way");
            }
        }
    }

    @Test
    void fullD2lNetHasTheBooksParameterCount() {
        NinSpec spec = NinSpec.d2l(68);
        try (Model model = backend().open(spec, XavierInit.init(spec, 42), options(0.1))) {
            assertEquals(1_992_166, model.weights().parameterCount());
        }
    }

    @Test
    void tinyLogitsMatchPyTorch() throws Exception {
        NinSpec spec = fixtureSpec("tiny");
        NinWeights weights = Safetensors.readWeights(fixture("tiny/weights.safetensors"), spec);
        assertLogitsMatch("tiny", spec, weights);
    }

    @Test
    void d2lLogitsAt68PixelsMatchPyTorch() throws Exception {
        NinSpec spec = fixtureSpec("d2l68");
        assertLogitsMatch("d2l68", spec, XavierInit.init(spec, FixtureGenerator.WEIGHTS_SEED));
    }

    @Test
    void oneSgdStepMatchesPyTorch() throws Exception {
        // dropout off on both sides (p = 0 keeps the weight names), so the step is deterministic
        NinSpec spec = fixtureSpec("tiny").withoutDropout();
        NinWeights weights = Safetensors.readWeights(fixture("tiny/weights.safetensors"), spec);
        SafetensorsFile expected = Safetensors.readFile(fixture("tiny/expected.safetensors"));
        try (Model model = backend().open(spec, weights, options(FixtureGenerator.LR))) {
            float loss = model.trainStep(fixtureBatch("tiny"));
            assertEquals(expected.tensor("loss").data()[0], loss, 1e-5, "loss before the step");
            NinWeights after = model.weights();
            for (Map.Entry<String, Tensor> e : after.tensors().entrySet()) {
                float[] want = expected.tensor("after." + e.getKey()).data();
                assertClose(want, e.getValue().data(), 1e-5, "weights after one SGD step: " + e.getKey());
            }
        }
    }

    /**
     * The shared dropout masks: one step with the masks of (seed 42, epoch 1, step 1) against PyTorch's step with the
     * same masks (tiny/expected-masked.safetensors, from nin_reference.py --shared-masks 42:1:1). The tiny net's
     * dropout input is 16x2x2, so an engine that lays the mask out in another order than the activations fails here.
     * Each weight is judged by how far it moved in the step, not by its size: a wrong mask or a wrong gradient
     * changes the step itself.
     */
    @Test
    void oneSgdStepWithSharedDropoutMasksMatchesPyTorch() throws Exception {
        NinSpec spec = fixtureSpec("tiny");
        NinWeights before = Safetensors.readWeights(fixture("tiny/weights.safetensors"), spec);
        SafetensorsFile expected = Safetensors.readFile(fixture("tiny/expected-masked.safetensors"));
        float unmasked = Safetensors.readFile(fixture("tiny/expected.safetensors")).tensor("loss").data()[0];
        float want = expected.tensor("loss").data()[0];
        assertTrue(Math.abs(want - unmasked) > 1e-3, "the masks must change the step, else this checks nothing");
        try (Model model = backend().open(spec, before, options(FixtureGenerator.LR))) {
            StepResult step = model.trainStep(fixtureBatch("tiny"), StepDropout.shared(42, 1, 1));
            assertEquals(want, step.loss(), 1e-5, "loss of the masked step");
            assertClose(expected.tensor("train_logits").data(), step.logits(), LOGIT_TOLERANCE,
                    "train-mode logits of the masked step");
            for (Map.Entry<String, Tensor> e : model.weights().tensors().entrySet()) {
                assertNull(ParityCheck.step(e.getKey(), before.get(e.getKey()).data(),
                        expected.tensor("after." + e.getKey()).data(), e.getValue().data()));
            }
        }
    }

    /**
     * Weights trained by the d2l PyTorch code and real test images (fixtures/d2l96-trained): logits of several units,
     * so a kernel or image layout bug, or a resize with other corners, shows far above the tolerance (on random
     * images and the untrained init some of them did not).
     */
    @Test
    void trainedWeightsOnRealImagesGiveLogitsLikePyTorch() throws Exception {
        NinSpec spec = fixtureSpec(TRAINED);
        NinWeights weights = Safetensors.readWeights(fixture(TRAINED + "/weights.safetensors"), spec);
        float[] want = Safetensors.readFile(fixture(TRAINED + "/expected.safetensors")).tensor("logits").data();
        try (Model model = backend().open(spec, weights, options(0.1))) {
            assertNull(ParityCheck.logits(want, model.logits(fixtureBatch(TRAINED))));
        }
    }

    /**
     * One SGD step from the trained weights on the real images with the shared masks of (1, 1, 1), against PyTorch's:
     * the loss, the train-mode logits, and each weight's change in the step (the first block's, which needs the
     * gradient through every layer, and every bias), judged against the change itself.
     */
    @Test
    void aMaskedStepFromTrainedWeightsMatchesPyTorch() throws Exception {
        NinSpec spec = fixtureSpec(TRAINED);
        NinWeights before = Safetensors.readWeights(fixture(TRAINED + "/weights.safetensors"), spec);
        SafetensorsFile expected = Safetensors.readFile(fixture(TRAINED + "/expected.safetensors"));
        try (Model model = backend().open(spec, before, options(FixtureGenerator.LR))) {
            StepResult step = model.trainStep(fixtureBatch(TRAINED), StepDropout.shared(1, 1, 1));
            assertNull(ParityCheck.loss(expected.tensor("loss").data()[0], step.loss()));
            assertNull(ParityCheck.logits(expected.tensor("train_logits").data(), step.logits()));
            NinWeights after = model.weights();
            int checked = 0;
            for (String name : expected.tensors().keySet()) {
                if (name.startsWith("after.")) {
                    String p = name.substring("after.".length());
                    assertNull(ParityCheck.step(p, before.get(p).data(), expected.tensor(name).data(),
                            after.get(p).data()));
                    checked++;
                }
            }
            assertEquals(18, checked, "the step's tensors in the fixture");
        }
    }

    /** Train-mode logits come back with the loss, and a second identical step gives the same ones (no leftover). */
    @Test
    void aStepReturnsItsTrainModeLogits() {
        NinSpec spec = NinSpec.tiny();
        Batch batch = fixtureBatch("tiny");
        try (Model model = backend().open(spec, XavierInit.init(spec, 4), options(0.0001))) {
            StepResult first = model.trainStep(batch, StepDropout.shared(1, 1, 1));
            assertEquals(batch.size() * spec.classes(), first.logits().length);
            double loss = Evaluation.meanCrossEntropy(first.logits(), batch.labels(), spec.classes());
            assertEquals(first.loss(), loss, 1e-5, "the loss is the cross-entropy of the returned logits");
        }
    }

    /**
     * What {@code train --resume} relies on: a model opened from another's weights and reseeded as the trainer reseeds
     * at an epoch's start takes the same steps, dropout masks included, as the original did from there; so a run
     * resumed from a checkpoint in a new JVM gives the records of an uninterrupted one. (And the masks do follow the
     * seed, else this could not fail.)
     */
    @Test
    void aModelOpenedFromACheckpointTrainsOnAsTheOriginalDid() {
        NinSpec spec = NinSpec.tiny(); // with its dropout layer
        Batch batch = fixtureBatch("tiny");
        float[] original = new float[2];
        NinWeights checkpoint;
        try (Model model = backend().open(spec, XavierInit.init(spec, 9), options(0.05))) {
            model.reseed(1);
            model.trainStep(batch);
            model.trainStep(batch);
            checkpoint = model.weights();
            model.reseed(2);
            original[0] = model.trainStep(batch);
            original[1] = model.trainStep(batch);
        }
        try (Model resumed = backend().open(spec, checkpoint, options(0.05))) {
            resumed.reseed(2);
            assertEquals(original[0], resumed.trainStep(batch), 1e-6, "first step after the checkpoint");
            assertEquals(original[1], resumed.trainStep(batch), 1e-6, "second step after the checkpoint");
        }
        try (Model otherSeed = backend().open(spec, checkpoint, options(0.05))) {
            otherSeed.reseed(3);
            assertNotEquals(original[0], otherSeed.trainStep(batch), "another seed, other dropout masks");
        }
    }

    /**
     * 30 steps on one batch of real images reduce the loss: this catches a gradient of the wrong sign, or none at all
     * (an engine that updates nothing), not a gradient of the wrong scale (at 0.5x or 0.25x the loss still falls; the
     * step checks against PyTorch catch that). NiN starts on a plateau near ln 10, so the loss moves only a little:
     * PyTorch itself goes 2.3220 -> 2.2922 here.
     */
    @Test
    void sgdStepsOnRealDataReduceTheLoss() {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        Dataset train = FashionMnist.load(null).train().first(64);
        Batch batch = Epochs.inOrder(train, 64).next();
        NinSpec spec = NinSpec.tiny().withoutDropout();
        try (Model model = backend().open(spec, XavierInit.init(spec, 42), options(0.2))) {
            double before = Evaluation.of(model, train, 64).meanLoss();
            float first = model.trainStep(batch);
            float last = first;
            for (int i = 0; i < 29; i++) {
                last = model.trainStep(batch);
            }
            double after = Evaluation.of(model, train, 64).meanLoss();
            assertEquals(before, first, 1e-4, "train-mode loss without dropout equals the eval loss before any step");
            assertTrue(after < before - 0.01, "30 SGD steps on one batch: loss " + before + " -> " + after
                    + " (last step " + last + ")");
        }
    }

    /**
     * {@code --threads 1} means one core: measured from outside, in a fresh JVM, as the throughput runs' cores-busy
     * column measures it (CoresBusyProbe). A thread pool the engine does not size from the run's threads (TensorFlow's
     * process-wide pools, sized by its first session; libnd4j's OpenMP threads in oneDNN's convolutions) shows as a
     * second core busy: both did, at 1.7-1.8 cores, until fixed. CPU time is not inflated by a busy machine, only
     * wall time, so noise can only make this pass more easily, never fail it. Needs two cores, on the CPU.
     */
    @Test
    void oneThreadKeepsOneCoreBusy() throws Exception {
        assumeTrue(!DEVICE.isGpu() && Runtime.getRuntime().availableProcessors() >= 2,
                "needs the CPU and two cores, so that a second busy core could show");
        double busy = CoresBusyProbe.inFreshJvm(backend().getClass(), 1);
        assertTrue(busy < MAX_CORES_AT_ONE_THREAD, backend().name() + " at one thread kept " + busy + " cores busy");
    }

    /** A little over one: the JVM's own threads (JIT, GC) take a few percent. */
    private static final double MAX_CORES_AT_ONE_THREAD = 1.3;

    @Test
    void closedModelRefusesUse() {
        NinSpec spec = NinSpec.tiny();
        Batch batch = fixtureBatch("tiny");
        Model model = backend().open(spec, XavierInit.init(spec, 1), options(0.1));
        model.close();
        assertThrows(IllegalStateException.class, () -> model.trainStep(batch));
        assertThrows(IllegalStateException.class, () -> model.logits(batch));
        assertThrows(IllegalStateException.class, model::weights);
        model.close(); // closing twice is harmless
    }

    private void assertLogitsMatch(String folder, NinSpec spec, NinWeights weights) throws Exception {
        float[] want = Safetensors.readFile(fixture(folder + "/expected.safetensors")).tensor("logits").data();
        try (Model model = backend().open(spec, weights, options(0.1))) {
            assertClose(want, model.logits(fixtureBatch(folder)), LOGIT_TOLERANCE, folder + " logits vs PyTorch");
        }
    }

    protected static Batch fixtureBatch(String folder) {
        try {
            return FixtureGenerator.toBatch(Safetensors.read(fixture(folder + "/batch.safetensors")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected static void assertClose(float[] want, float[] got, double tolerance, String what) {
        assertNull(ParityCheck.absolute(what, want, got, tolerance));
    }
}
