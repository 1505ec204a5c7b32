package dev.ninbench.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NiN on DJL's PyTorch engine written as d2l-java's NiN chapter writes it: a {@link SequentialBlock} of nin blocks
 * ({@link Conv2d} and {@link Activation#reluBlock()} three times), {@link Pool#maxPool2dBlock} blocks, a dropout
 * block and {@link Pool#globalAvgPool2dBlock()}, trained by a {@link Trainer} from a {@link DefaultTrainingConfig}
 * with {@link Loss#softmaxCrossEntropyLoss()} and {@link Optimizer#sgd()} at a fixed rate: per step a gradient
 * collector from the trainer, the loss, backward, and {@link Trainer#step()}. DJL's default layout (NCHW) throughout.
 *
 * <p>What is not d2l-java's: the 28 -> {@code spec.inputSide()} resize runs before the net (d2l-java resizes in its
 * data pipeline), as {@link DjlModel#resize} does it; the initial weights come from {@link NinWeights} (each
 * parameter's initializer in the training config hands over its tensor, matched to the block's parameter, never by a
 * name built by hand); and the dropout block can apply the suite's shared masks ({@link SharedMaskDropout}).
 */
final class DjlBlockModel implements Model {
    private final Engine engine;
    private final NinSpec spec;
    private final ai.djl.Model model;
    private final Trainer trainer;
    /** Every parameter by its PyTorch name, in {@code spec.parameters()} order. */
    private final Map<String, Parameter> params = new LinkedHashMap<>();
    private final List<SharedMaskDropout> dropouts;
    /** Whether libtorch computes this net's NCHW convolutions right here, per batch size; null where it is off. */
    private final ConvolutionGradientCheck check;
    private boolean closed;

    DjlBlockModel(Engine engine, NinSpec spec, NinWeights init, ModelOptions options) {
        DjlModel.requireEnlarging(spec);
        this.engine = engine;
        this.spec = spec;
        NinWeights checked = NinWeights.of(spec, init.tensors()); // same names and shapes as this spec, or fail
        Net net = new Net();
        SequentialBlock block = spec.forward(new SequentialBlock(), net);
        block.add(Blocks.batchFlattenBlock()); // d2l-java's last block; the pool's [n, classes] stays as it is
        this.dropouts = List.copyOf(net.dropouts);
        Device device = DjlModel.device(options);
        this.check = ConvolutionGradientCheck.runsOn(options) ? new ConvolutionGradientCheck(engine, spec) : null;
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed((float) options.learningRate()))
                        .build())
                .optDevices(new Device[] {device});
        for (NinOp.Conv conv : spec.convolutions()) {
            Conv2d c = net.convolutions.get(conv);
            load(config, conv.weight(), parameter(c, Parameter.Type.WEIGHT), checked);
            load(config, conv.bias(), parameter(c, Parameter.Type.BIAS), checked);
        }
        this.model = ai.djl.Model.newInstance(spec.name(), device, engine.getEngineName());
        try {
            model.setBlock(block);
            this.trainer = model.newTrainer(config);
            trainer.initialize(new Shape(1, spec.inChannels(), spec.inputSide(), spec.inputSide()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        reseed(options.seed());
    }

    /**
     * {@code Engine.setRandomSeed}: libtorch's global generator (torch.manual_seed), which DJL's dropout draws from.
     * It takes an int, so the 64-bit seed is folded into one ({@link Long#hashCode(long)}).
     */
    @Override
    public void reseed(long seed) {
        ensureOpen();
        engine.setRandomSeed(Long.hashCode(seed));
    }

    /** Checks the net's convolutions at {@code batchSize} where they need it ({@link ConvolutionGradientCheck}). */
    @Override
    public void prepare(int batchSize) {
        ensureOpen();
        if (check != null) {
            check.require(trainer.getManager(), batchSize);
        }
    }

    @Override
    public StepResult trainStep(Batch batch, StepDropout dropout) {
        prepare(batch.size()); // before the step: never a wrong step (once per size; the trainer calls it earlier)
        StepDropout.Shared masks = dropout instanceof StepDropout.Shared shared ? shared : null;
        dropouts.forEach(d -> d.use(masks));
        // every tensor of the step (input, activations, graph, loss) lives in this manager and is freed with it
        try (NDManager step = trainer.getManager().newSubManager()) {
            NDList labels = new NDList(step.create(batch.labels()));
            float loss;
            float[] logits;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList out = trainer.forward(input(step, batch));
                NDArray lossValue = trainer.getLoss().evaluate(labels, out);
                collector.backward(lossValue);
                loss = lossValue.getFloat(); // copies the scalar to the host
                logits = out.singletonOrThrow().toFloatArray();
            }
            trainer.step(); // SGD on every parameter, then zeroes its gradient
            return new StepResult(loss, logits);
        } finally {
            dropouts.forEach(d -> d.use(null));
        }
    }

    @Override
    public float[] logits(Batch batch) {
        ensureOpen();
        try (NDManager step = trainer.getManager().newSubManager()) {
            return trainer.evaluate(input(step, batch)).singletonOrThrow().toFloatArray();
        }
    }

    @Override
    public NinWeights weights() {
        ensureOpen();
        return DjlModel.export(spec, name -> params.get(name).getArray());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            trainer.close();
            model.close();
            params.clear();
        }
    }

    /** Tensors this model holds right now (its parameters, plus any leaked by a step): for tests. */
    int liveArrays() {
        ensureOpen();
        return model.getNDManager().getManagedArrays().size();
    }

    /** The net's blocks, for tests. */
    SequentialBlock block() {
        return (SequentialBlock) model.getBlock();
    }

    /** The batch as the net's input: {@code [n, 1, 28, 28]} resized to the spec's side. */
    private NDList input(NDManager step, Batch batch) {
        int side = NinSpec.SOURCE_SIDE;
        NDArray images = step.create(batch.images(), new Shape(batch.size(), 1, side, side));
        return new NDList(DjlModel.resize(images, spec.inputSide()));
    }

    /** Has the trainer initialize {@code parameter} (PyTorch's {@code shape}) with its tensor of {@code weights}. */
    private void load(DefaultTrainingConfig config, ParamShape shape, Parameter parameter, NinWeights weights) {
        Tensor t = weights.get(shape.name());
        Initializer from = (manager, djlShape, dataType) -> {
            Shape want = new Shape(DjlModel.toLong(t.shape()));
            if (!djlShape.equals(want)) {
                throw new IllegalStateException(shape.name() + " is " + djlShape + " in DJL's block but " + want
                        + " in the weights");
            }
            return DjlModel.parameter(manager, t, false);
        };
        config.optInitializer(from, p -> p == parameter);
        params.put(shape.name(), parameter);
    }

    private static Parameter parameter(Conv2d conv, Parameter.Type type) {
        return conv.getParameters().values().stream().filter(p -> p.getType() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException("DJL's Conv2d has no " + type + " parameter"));
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model is closed");
        }
    }

    /**
     * Adds the spec's operations to a {@link SequentialBlock} as d2l-java's blocks: each nin block's three
     * convolutions and ReLUs in a {@code SequentialBlock} of their own, as d2l-java's {@code niNBlock} builds it.
     */
    private static final class Net implements NinOps<SequentialBlock> {
        final Map<NinOp.Conv, Conv2d> convolutions = new LinkedHashMap<>();
        final List<SharedMaskDropout> dropouts = new ArrayList<>();
        private SequentialBlock ninBlock;

        @Override
        public SequentialBlock convRelu(SequentialBlock net, NinOp.Conv conv) {
            if (conv.position() == 0) {
                ninBlock = new SequentialBlock();
                net.add(ninBlock);
            }
            Conv2d c = Conv2d.builder()
                    .setKernelShape(DjlModel.square(conv.kernel()))
                    .optStride(DjlModel.square(conv.stride()))
                    .optPadding(DjlModel.square(conv.padding()))
                    .setFilters(conv.out().channels())
                    .build();
            convolutions.put(conv, c);
            ninBlock.add(c).add(Activation.reluBlock());
            return net;
        }

        @Override
        public SequentialBlock maxPool(SequentialBlock net, NinOp.MaxPool pool) {
            return net.add(Pool.maxPool2dBlock(DjlModel.square(pool.kernel()), DjlModel.square(pool.stride())));
        }

        @Override
        public SequentialBlock dropout(SequentialBlock net, NinOp.Dropout dropout) {
            SharedMaskDropout block = new SharedMaskDropout(dropout);
            dropouts.add(block);
            return net.add(block);
        }

        @Override
        public SequentialBlock globalAveragePool(SequentialBlock net, NinOp.GlobalAveragePool pool) {
            return net.add(Pool.globalAvgPool2dBlock());
        }
    }
}
