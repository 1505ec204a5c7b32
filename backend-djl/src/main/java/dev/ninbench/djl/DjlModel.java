package dev.ninbench.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.spec.NinOp;
import dev.ninbench.core.spec.NinOps;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A NiN on DJL's PyTorch engine, written as direct NDArray operations on parameter tensors this class owns,
 * not as DJL Blocks: each call maps one-to-one onto the torch op PyTorch's d2l code runs (conv2d, relu,
 * max_pool2d, dropout, adaptive_avg_pool2d, log_softmax, gather), the parameters keep PyTorch's names and
 * layouts with no DJL initialiser or parameter store in between, and a training step is no more than forward,
 * backward and the update. Speed is the same either way: nearly all the time is in libtorch's convolutions.
 */
final class DjlModel implements Model {
    /** DJL's JNI code for torch's bilinear mode (what DJL's own image resize passes for BILINEAR). */
    private static final int TORCH_BILINEAR = 2;
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape ZERO = new Shape(0, 0);

    private final Engine engine;
    private final NinSpec spec;
    private final float learningRate;
    private final NDManager manager;
    private final List<ParamShape> shapes;
    /** Every parameter by its PyTorch name, in {@code spec.parameters()} order. */
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    /**
     * Native memory the batch's pixels are copied into, reused from step to step: libtorch reads it in place
     * (DJL wraps a direct buffer without copying), and a fresh direct buffer per step would be freed only
     * whenever the GC happens to run.
     */
    private ByteBuffer pixels = ByteBuffer.allocateDirect(0);
    private boolean closed;

    /**
     * @param channelsLast store conv weights channels-last, so that every convolution, pooling and gradient runs
     *                     on NHWC activations (see {@link DjlBackend#CHANNELS_LAST})
     */
    DjlModel(Engine engine, NinSpec spec, NinWeights init, ModelOptions options, boolean channelsLast) {
        this.engine = engine;
        this.spec = spec;
        this.learningRate = (float) options.learningRate();
        requireEnlarging(spec);
        this.shapes = spec.parameters();
        NinWeights checked = NinWeights.of(spec, init.tensors()); // same names and shapes as this spec, or fail
        // every tensor of this model (parameters, and each step's batch, activations and gradients) lives on this
        // device: per step only the 28x28 batch goes in and the loss (or the logits) comes out
        this.manager = engine.newBaseManager(device(options));
        try {
            for (ParamShape p : shapes) {
                // PyTorch's [out, in, kh, kw] is this engine's own layout: no transposition of values
                NDArray a = parameter(manager, checked.get(p.name()), channelsLast);
                a.setRequiresGradient(true);
                params.put(p.name(), a);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        // torch.manual_seed: dropout masks repeat run to run for one seed and one step sequence. The generator is
        // libtorch's global one, shared by every model in this JVM (the engine JVM holds one model at a time).
        JniUtils.setSeed(options.seed());
    }

    /** torch.manual_seed: libtorch's global generator, which its dropout draws from (on the CPU and on CUDA). */
    @Override
    public void reseed(long seed) {
        ensureOpen();
        JniUtils.setSeed(seed);
    }

    @Override
    public StepResult trainStep(Batch batch, StepDropout dropout) {
        ensureOpen();
        // every tensor of the step (activations, graph, loss) lives in this manager and is freed when it closes
        try (NDManager step = manager.newSubManager()) {
            float loss;
            float[] logits;
            try (GradientCollector tape = engine.newGradientCollector()) {
                NDArray out = forward(step, batch, dropout);
                NDArray lossArray = crossEntropy(out, step.create(batch.labels()));
                tape.backward(lossArray);
                loss = lossArray.getFloat(); // copies the scalar to the host: the step is finished here
                logits = out.toFloatArray();
            }
            // plain SGD, w -= lr * grad, outside grad mode (the collector turned it off again when it closed)
            for (NDArray w : params.values()) {
                try (NDArray grad = w.getGradient()) { // a second handle on w.grad; closing it frees only the handle
                    w.subi(grad.muli(learningRate));
                }
                // PyTorch accumulates into .grad on every backward; start the next step from zero
                JniUtils.zeroGrad((PtNDArray) w);
            }
            return new StepResult(loss, logits);
        }
    }

    @Override
    public float[] logits(Batch batch) {
        ensureOpen();
        // grad mode is off outside a GradientCollector (DJL switches it off when the engine loads), so no graph
        try (NDManager step = manager.newSubManager()) {
            return forward(step, batch, null).toFloatArray();
        }
    }

    @Override
    public NinWeights weights() {
        ensureOpen();
        return export(spec, params::get);
    }

    /** The weights of {@code spec}, each parameter's values read from {@code parameter}, found by its PyTorch name. */
    static NinWeights export(NinSpec spec, Function<String, NDArray> parameter) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ParamShape p : spec.parameters()) {
            tensors.put(p.name(), new Tensor(p.shape(), parameter.apply(p.name()).toFloatArray()));
        }
        return NinWeights.of(spec, tensors);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
            params.clear();
        }
    }

    /** Tensors this model holds right now (its parameters, plus any leaked by a step): for tests. */
    int liveArrays() {
        ensureOpen();
        return manager.getManagedArrays().size();
    }

    /**
     * The network on one batch: {@code [n, classes]} logits, in {@code step}'s manager; in training with
     * {@code dropout}'s masks, in eval mode (dropout off) when it is null.
     */
    private NDArray forward(NDManager step, Batch batch, StepDropout dropout) {
        return spec.forward(resize(images(step, batch), spec.inputSide()), new NinOps<>() {
            @Override
            public NDArray convRelu(NDArray x, NinOp.Conv conv) {
                NDArray y = Conv2d.conv2d(x, params.get(conv.weight().name()), params.get(conv.bias().name()),
                        square(conv.stride()), square(conv.padding()), ONE).singletonOrThrow();
                return Activation.relu(y);
            }

            @Override
            public NDArray maxPool(NDArray x, NinOp.MaxPool pool) {
                return Pool.maxPool2d(x, square(pool.kernel()), square(pool.stride()), ZERO, false);
            }

            @Override
            public NDArray dropout(NDArray x, NinOp.Dropout d) {
                if (dropout instanceof StepDropout.Shared shared) {
                    // the suite's mask, already scaled; x * mask's gradient is gradOut * mask, as torch's dropout
                    dev.ninbench.core.spec.Shape in = d.out();
                    long n = x.getShape().get(0);
                    return x.mul(step.create(shared.mask(d, (int) n),
                            new Shape(n, in.channels(), in.height(), in.width())));
                }
                // torch dropout (scales kept values by 1/(1-p)); called with p as a double, as PyTorch does,
                // where DJL's Dropout block would round it to float. In eval mode (null) the layer does nothing.
                return dropout == null ? x : JniUtils.dropout((PtNDArray) x, d.p(), true);
            }

            @Override
            public NDArray globalAveragePool(NDArray x, NinOp.GlobalAveragePool pool) {
                // torch's adaptive_avg_pool2d to 1x1, then [n, c]
                return Pool.globalAvgPool2d(x);
            }
        });
    }

    /** DJL's name for the options' device. */
    static Device device(ModelOptions options) {
        return options.device().isGpu() ? Device.gpu(options.device().index()) : Device.cpu();
    }

    /**
     * Refuses a spec whose input is smaller than the 28x28 images: torch's interpolate as DJL calls it antialiases
     * when it shrinks, unlike PyTorch's F.interpolate default (docs/engine-facts.md, "DJL (PyTorch engine)"), and
     * every preset enlarges.
     */
    static void requireEnlarging(NinSpec spec) {
        if (spec.inputSide() < NinSpec.SOURCE_SIDE) {
            throw new IllegalArgumentException("the djl engine resizes 28x28 inputs up only, not down to "
                    + spec.inputSide() + " (" + spec + ")");
        }
    }

    static Shape square(int side) {
        return new Shape(side, side);
    }

    /** The batch's images as {@code [n, 1, 28, 28]}: one bulk copy of the float[] into {@link #pixels}. */
    private NDArray images(NDManager step, Batch batch) {
        int bytes = batch.images().length * Float.BYTES;
        if (pixels.capacity() < bytes) {
            pixels = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        pixels.clear();
        pixels.asFloatBuffer().put(batch.images());
        pixels.limit(bytes);
        int side = NinSpec.SOURCE_SIDE;
        return step.create(pixels, new Shape(batch.size(), 1, side, side), DataType.FLOAT32);
    }

    /**
     * Enlarges NCHW images to {@code side x side} with torch's {@code F.interpolate(mode="bilinear",
     * align_corners=False)}. DJL's {@code NDImageUtils.resize} calls the same op but expects NHWC and
     * transposes there and back; this calls it on NCHW directly. Enlarging only: see the constructor.
     */
    static NDArray resize(NDArray images, int side) {
        if (images.getShape().get(2) == side && images.getShape().get(3) == side) {
            return images; // align_corners=False at scale 1 maps every pixel onto itself
        }
        return JniUtils.interpolate((PtNDArray) images, new long[] {side, side}, TORCH_BILINEAR, false);
    }

    /** Mean softmax cross-entropy, as PyTorch's {@code F.cross_entropy}: log_softmax, then NLL of each label, mean. */
    private static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logProbs = logits.logSoftmax(1);
        NDArray index = labels.toType(DataType.INT64, false).reshape(labels.getShape().get(0), 1);
        return logProbs.gather(index, 1).mean().neg();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
    }

    /**
     * A parameter from {@code t}, in {@code manager}: torch's {@code [out, in, kh, kw]} tensor, for conv weights
     * stored channels-last when asked ({@code w.to(memory_format=torch.channels_last)}: {@code [out, kh, kw, in]}
     * in memory, seen through a permuted view). The values are the same either way.
     *
     * <p>The result always owns memory allocated by libtorch. DJL's {@code create} wraps a Java direct buffer
     * without copying, and that buffer lives only as long as the array that wrapped it: a view of it kept past
     * that array's close reads and writes freed memory (as a 1x1 or 1-channel kernel's transposition is a view, not
     * a copy; docs/engine-facts.md, "DJL (PyTorch engine)").
     */
    static NDArray parameter(NDManager manager, Tensor t, boolean channelsLast) {
        Shape shape = new Shape(toLong(t.shape()));
        try (NDManager scratch = manager.newSubManager()) { // frees every intermediate handle and buffer
            NDArray a = scratch.create(t.data(), shape); // one bulk copy into a direct buffer
            if (channelsLast && shape.dimension() == 4) {
                a = channelsLast(a);
            }
            NDArray owned = a.duplicate(); // torch clone(): libtorch memory, same strides (keeps channels-last)
            owned.attach(manager);
            return owned;
        }
    }

    /**
     * The same values as the 4-d {@code a}, stored channels-last ({@code [n, h, w, c]} in memory, seen as
     * {@code [n, c, h, w]} through a permuted view): what {@code a.to(memory_format=torch.channels_last)} gives.
     */
    static NDArray channelsLast(NDArray a) {
        Shape shape = a.getShape();
        return a.transpose(0, 2, 3, 1).flatten().reshape(shape.get(0), shape.get(2), shape.get(3), shape.get(1))
                .transpose(0, 3, 1, 2);
    }

    static long[] toLong(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = shape[i];
        }
        return s;
    }
}
