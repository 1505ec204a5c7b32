package dev.ninbench.tf;

import dev.ninbench.core.spec.NinOp;
import dev.ninbench.core.spec.NinOps;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.losses.CategoricalCrossentropy;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The NiN of a {@link NinSpec} as one TensorFlow graph, NHWC (TensorFlow's CPU kernels: NCHW max-pool does not
 * exist there and NCHW convolutions are far slower). It holds two forward paths over the same variables: the
 * training one (dropout on) ending in the mean softmax cross-entropy, its gradients and the SGD updates, and the
 * evaluation one (dropout off) ending in the logits. A step fetches {@link #loss} and runs {@link #sgdStep}. How the
 * loss and the updates are written is the engine's variant ({@link Training}); the rest of the graph is the same.
 */
final class NinGraph {
    /** How the training path's loss and SGD update are written: each is a variant of the tf engine. */
    enum Training {
        /** {@code tf}: raw ops (softmax cross-entropy on one-hot labels, addGradients, ApplyGradientDescent). */
        RAW_OPS,
        /** {@code tf-idiomatic}: tensorflow-framework's loss and its {@code GradientDescent} optimizer. */
        FRAMEWORK
    }

    final Graph graph;
    /** The 28x28 images, {@code [n, 28, 28, 1]}: with one channel NCHW and NHWC are the same bytes. */
    final Placeholder<TFloat32> images;
    final Placeholder<TInt32> labels;
    /** The mean cross-entropy of the training path, computed before the updates read or write any variable. */
    final Operand<TFloat32> loss;
    /** Runs one plain SGD update of every variable (w -= lr * dloss/dw). */
    final Op sgdStep;
    /**
     * The dropout masks' seed, {@code [2]} int64, fed with every training step: the masks are a pure function of it
     * (stateless random ops), so the model decides which masks a step gets ({@link TfModel#reseed}), not how many
     * steps this session has run before.
     */
    final Placeholder<TInt64> dropoutSeed;
    /** {@code [n, classes]} of the evaluation path (no dropout). */
    final Operand<TFloat32> logits;
    /** {@code [n, classes]} of the training path, the loss's input. */
    final Operand<TFloat32> trainLogits;
    /**
     * Each dropout's mask ({@code [n, h, w, c]}, values 0 or 1/(1-p)): fed with the suite's shared masks, or, when
     * not fed, drawn by the graph from {@link #dropoutSeed}.
     */
    final Map<NinOp.Dropout, PlaceholderWithDefault<TFloat32>> dropoutMasks = new LinkedHashMap<>();
    /** The learnable tensors in {@code state_dict} order. */
    final List<Param> params;

    /**
     * One learnable tensor: its TensorFlow variable (kernels HWIO), and a placeholder with an assign to load it.
     */
    record Param(ParamShape shape, Variable<TFloat32> variable, Placeholder<TFloat32> value, Assign<TFloat32> load) {
        boolean isKernel() {
            return shape.shape().length == 4;
        }
    }

    private final NinSpec spec;
    private final Ops tf;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();

    NinGraph(NinSpec spec, float learningRate, Training training) {
        this.spec = spec;
        this.graph = new Graph();
        try {
            this.tf = Ops.create(graph);
            this.params = declareParams();
            this.images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(
                    Shape.of(Shape.UNKNOWN_SIZE, NinSpec.SOURCE_SIDE, NinSpec.SOURCE_SIDE, spec.inChannels())));
            this.labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(Shape.UNKNOWN_SIZE)));
            this.dropoutSeed = tf.withName("dropout_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
            this.logits = forward(false);
            this.trainLogits = forward(true);
            this.loss = switch (training) {
                case RAW_OPS -> meanCrossEntropy(trainLogits);
                case FRAMEWORK -> frameworkCrossEntropy(trainLogits);
            };
            this.sgdStep = switch (training) {
                case RAW_OPS -> sgd(learningRate);
                case FRAMEWORK -> frameworkSgd(learningRate);
            };
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    private List<Param> declareParams() {
        List<Param> list = new ArrayList<>();
        for (ParamShape p : spec.parameters()) {
            int[] torch = p.shape();
            Shape shape = torch.length == 4 ? Shape.of(KernelLayout.hwioShape(torch)) : Shape.of(torch[0]);
            Variable<TFloat32> v = tf.variable(shape, TFloat32.class);
            Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
            list.add(new Param(p, v, value, tf.assign(v, value)));
            variables.put(p.name(), v);
        }
        return List.copyOf(list);
    }

    /** The net from the 28x28 placeholder to the logits; {@code training} switches dropout on. */
    private Operand<TFloat32> forward(boolean training) {
        Operand<TFloat32> x = images;
        if (spec.inputSide() != NinSpec.SOURCE_SIDE) {
            // half-pixel centres without corner alignment is PyTorch's bilinear with align_corners=False
            x = tf.image.resizeBilinear(x, tf.constant(new int[] {spec.inputSide(), spec.inputSide()}),
                    ResizeBilinear.halfPixelCenters(true));
        }
        return spec.forward(x, new NinOps<>() {
            @Override
            public Operand<TFloat32> convRelu(Operand<TFloat32> x, NinOp.Conv conv) {
                return NinGraph.this.convRelu(x, conv);
            }

            @Override
            public Operand<TFloat32> maxPool(Operand<TFloat32> x, NinOp.MaxPool pool) {
                // VALID windows only: PyTorch's max-pool without padding, floor mode
                return tf.nn.maxPool(x, tf.constant(new int[] {1, pool.kernel(), pool.kernel(), 1}),
                        tf.constant(new int[] {1, pool.stride(), pool.stride(), 1}), "VALID");
            }

            @Override
            public Operand<TFloat32> dropout(Operand<TFloat32> x, NinOp.Dropout dropout) {
                return training ? NinGraph.this.dropout(x, dropout) : x;
            }

            @Override
            public Operand<TFloat32> globalAveragePool(Operand<TFloat32> x, NinOp.GlobalAveragePool pool) {
                return tf.math.mean(x, tf.constant(new int[] {1, 2}));
            }
        });
    }

    /**
     * Convolution + bias + ReLU with PyTorch's symmetric zero padding done by {@code Pad} and a VALID convolution:
     * TensorFlow's EXPLICIT padding has a broken gradient, and SAME pads asymmetrically for even totals.
     */
    private Operand<TFloat32> convRelu(Operand<TFloat32> x, NinOp.Conv conv) {
        int padding = conv.padding();
        long stride = conv.stride();
        if (padding > 0) {
            x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}),
                    tf.constant(0f));
        }
        Operand<TFloat32> y = tf.nn.conv2d(x, variables.get(conv.weight().name()), List.of(1L, stride, stride, 1L),
                "VALID");
        return tf.nn.relu(tf.nn.biasAdd(y, variables.get(conv.bias().name())));
    }

    /**
     * Inverted dropout as PyTorch does it: multiply by a mask that is 0 or 1/(1-p). The mask is the fed one
     * ({@link #dropoutMasks}), or else the graph's own: keep an element where a uniform draw is >= p. That draw is
     * stateless: a function of the fed {@link #dropoutSeed}, whose first element is offset by the layer's index to
     * tell layers apart. The mask's shape is the batch size (from the images placeholder, which no weight feeds, so
     * the gradient builder never walks into the random op) and the layer's output shape from the spec.
     */
    private Operand<TFloat32> dropout(Operand<TFloat32> x, NinOp.Dropout dropout) {
        float p = (float) dropout.p();
        int layerIndex = dropout.layer();
        dev.ninbench.core.spec.Shape out = dropout.out();
        Operand<TInt32> batch = tf.slice(tf.shape(images), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TInt32> maskShape = tf.concat(List.of(batch,
                tf.constant(new int[] {out.height(), out.width(), out.channels()})), tf.constant(0));
        Operand<TInt64> layerSeed = tf.math.add(dropoutSeed, tf.constant(new long[] {layerIndex, 0}));
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(maskShape, layerSeed, TFloat32.class);
        Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(p)), TFloat32.class);
        Operand<TFloat32> drawn = tf.math.mul(keep, tf.constant(1f / (1f - p)));
        PlaceholderWithDefault<TFloat32> mask = tf.withName("dropout_mask_" + layerIndex).placeholderWithDefault(drawn,
                Shape.of(Shape.UNKNOWN_SIZE, out.height(), out.width(), out.channels()));
        dropoutMasks.put(dropout, mask);
        return tf.math.mul(x, mask);
    }

    /**
     * Mean softmax cross-entropy over the batch. The dense op on one-hot labels, because the sparse one has no
     * gradient registered for graphs built from Java.
     */
    private Operand<TFloat32> meanCrossEntropy(Operand<TFloat32> logits) {
        Operand<TFloat32> perImage = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHotLabels()).loss();
        return tf.withName("loss").math.mean(perImage, tf.constant(0));
    }

    /** The labels as {@code [n, classes]} one-hot rows. */
    private Operand<TFloat32> oneHotLabels() {
        return tf.oneHot(labels, tf.constant(spec.classes()), tf.constant(1f), tf.constant(0f));
    }

    /**
     * The mean cross-entropy as tensorflow-framework writes it: its {@code CategoricalCrossentropy} from the logits,
     * reduced over the batch as it does by default ({@code SUM_OVER_BATCH_SIZE}: the mean). On one-hot labels, as
     * {@link #meanCrossEntropy}, for the same reason: its {@code SparseCategoricalCrossentropy} builds the sparse op,
     * for which {@code addGradients} fails ("No gradient defined for op: SparseSoftmaxCrossEntropyWithLogits").
     */
    private Operand<TFloat32> frameworkCrossEntropy(Operand<TFloat32> logits) {
        return new CategoricalCrossentropy(true).call(tf, oneHotLabels(), logits);
    }

    /**
     * Plain SGD as tensorflow-framework writes it: {@code GradientDescent.minimize}, which takes the gradients of
     * every variable in the graph from TensorFlow's gradient builder and applies one {@code ApplyGradientDescent} per
     * variable. It builds every update under control dependencies on every gradient (tensorflow-framework 1.1.0's
     * {@code Optimizer.applyGradients}), so the step is the one {@link #sgd} orders by hand.
     */
    private Op frameworkSgd(float learningRate) {
        return new GradientDescent(graph, learningRate).minimize(loss, "sgd_step");
    }

    /**
     * Plain SGD as graph ops: the gradients from TensorFlow's own gradient builder, then one
     * {@code ApplyGradientDescent} per variable. The updates write the variables in place, and a later layer's
     * input gradient still reads its kernel, so every update waits for every gradient: the step then sees the
     * weights before the update throughout, as PyTorch's backward-then-step does.
     */
    private Op sgd(float learningRate) {
        Output<?>[] vars = params.stream().map(p -> p.variable().asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients(loss.asOutput(), vars);
        List<Op> gradsReady = new ArrayList<>();
        List<Operand<TFloat32>> gradients = new ArrayList<>();
        for (Output<?> g : grads) {
            var ready = tf.identity(g.expect(TFloat32.class));
            gradsReady.add(ready);
            gradients.add(ready);
        }
        Ops afterGradients = tf.withControlDependencies(gradsReady);
        Operand<TFloat32> lr = tf.constant(learningRate);
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            updates.add(afterGradients.train.applyGradientDescent(params.get(i).variable(), lr, gradients.get(i)));
        }
        return tf.withControlDependencies(updates).withName("sgd_step").noOp();
    }
}
