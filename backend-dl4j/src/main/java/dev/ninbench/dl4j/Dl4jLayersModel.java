package dev.ninbench.dl4j;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.spec.NinOp;
import dev.ninbench.core.spec.NinOps;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import dev.ninbench.core.spec.Shape;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A NiN as a DL4J {@code MultiLayerNetwork}: per nin_block three convolutions with ReLU, max pools, dropout, then a
 * global average pool (whose outputs are the logits) and a loss layer applying softmax + mean cross-entropy.
 */
final class Dl4jLayersModel extends Dl4jModel {
    private final MultiLayerNetwork net;
    /** Each parameter's PyTorch name to the index of the DL4J layer holding it. */
    private final Map<String, Integer> convLayers;
    /** The global average pool's layer index: its activations are the logits (the loss layer's input). */
    private final int gapLayer;
    /** The DL4J dropout of each of the spec's dropouts. */
    private final Map<NinOp.Dropout, SharedMaskDropout> dropouts = new LinkedHashMap<>();
    /** The train-mode logits of the last {@code fit}, copied to the host by {@link #logitsListener}. */
    private float[] trainLogits;

    Dl4jLayersModel(NinSpec spec, NinWeights init, ModelOptions options) {
        super(spec);
        Map<String, Integer> convs = new HashMap<>();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .dataType(DataType.FLOAT)
                // plain SGD: no momentum, no regularisation (none is configured), no gradient normalisation; DL4J
                // divides the summed per-example gradients by the batch size (miniBatch), i.e. mean cross-entropy
                .updater(new Sgd(options.learningRate()))
                .miniBatch(true)
                // every weight is overwritten from init below; zeros just skip drawing random ones
                .weightInit(WeightInit.ZERO)
                // Truncate + explicit padding is PyTorch's floor-mode output size
                .convolutionMode(ConvolutionMode.Truncate)
                .list();
        // X is the index the next DL4J layer gets; the global average pool is the last op
        this.gapLayer = spec.forward(0, new NinOps<>() {
            @Override
            public Integer convRelu(Integer index, NinOp.Conv conv) {
                int k = conv.kernel();
                layers.layer(new ConvolutionLayer.Builder(k, k).stride(conv.stride(), conv.stride())
                        .padding(conv.padding(), conv.padding()).nOut(conv.out().channels())
                        .activation(Activation.RELU).build());
                convs.put(conv.weight().name(), index);
                convs.put(conv.bias().name(), index);
                return index + 1;
            }

            @Override
            public Integer maxPool(Integer index, NinOp.MaxPool pool) {
                layers.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(pool.kernel(), pool.kernel())
                        .stride(pool.stride(), pool.stride()).build());
                return index + 1;
            }

            @Override
            public Integer dropout(Integer index, NinOp.Dropout d) {
                // DL4J's argument is the RETAIN probability (PyTorch's p is the drop probability); both scale the
                // kept activations by 1/retain in training and do nothing in inference. The dropout draws its own
                // masks unless the step gives it the suite's (SharedMaskDropout).
                SharedMaskDropout dropout = new SharedMaskDropout(d.p());
                dropouts.put(d, dropout);
                layers.layer(new DropoutLayer.Builder().dropOut(dropout).build());
                return index + 1;
            }

            @Override
            public Integer globalAveragePool(Integer index, NinOp.GlobalAveragePool pool) {
                layers.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
                return index + 1;
            }
        }) - 1;
        // softmax + cross-entropy, averaged over the batch (DL4J's score is the mean over examples)
        layers.layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build());
        layers.setInputType(InputType.convolutional(spec.inputSide(), spec.inputSide(), spec.inChannels()));
        this.convLayers = Map.copyOf(convs);
        this.net = new MultiLayerNetwork(layers.build());
        try {
            net.init();
            net.setListeners(logitsListener());
            load(init);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
    }

    @Override
    public StepResult trainStep(Batch batch, StepDropout dropout) {
        checkOpen();
        dropouts.forEach((op, d) -> {
            Shape in = op.out();
            d.use(dropout instanceof StepDropout.Shared shared ? shared.mask(op, batch.size()) : null,
                    new long[] {batch.size(), in.channels(), in.height(), in.width()});
        });
        trainLogits = null;
        try (Input input = new Input(batch); INDArray labels = oneHot(batch)) {
            net.fit(input.nchw, labels);
            // score() is the loss that fit() computed with the weights it then updated, i.e. before the step
            if (trainLogits == null) {
                throw new IllegalStateException("DL4J's fit did not report its forward pass (onForwardPass)");
            }
            return new StepResult((float) net.score(), trainLogits);
        } finally {
            dropouts.values().forEach(d -> d.use(null, null));
        }
    }

    /**
     * fit() hands its forward pass's activations (up to the global average pool) to its listeners inside its
     * workspace: the last one is the logits, copied out here before the workspace reuses the memory.
     */
    private TrainingListener logitsListener() {
        return new BaseTrainingListener() {
            @Override
            public void onForwardPass(org.deeplearning4j.nn.api.Model model, List<INDArray> activations) {
                trainLogits = activations.get(activations.size() - 1).dup('c').data().asFloat();
            }
        };
    }

    @Override
    public float[] logits(Batch batch) {
        checkOpen();
        try (Input input = new Input(batch)) {
            // eval mode (train = false: no dropout); the last activation is the global average pool's, before softmax
            List<INDArray> activations = net.feedForwardToLayer(gapLayer, input.nchw, false);
            float[] logits = activations.get(activations.size() - 1).dup('c').data().asFloat();
            // every layer's activation comes back detached from DL4J's workspaces (~0.1 GB for the d2l net at 96 px,
            // batch 128): free them now, not whenever the Java GC runs
            for (INDArray a : activations) {
                if (a != input.nchw && a.closeable()) {
                    a.close();
                }
            }
            return logits;
        }
    }

    @Override
    public NinWeights weights() {
        checkOpen();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ParamShape p : spec.parameters()) {
            // dup: a param is a view into the network's one flat parameter vector
            float[] data = param(p).dup('c').data().asFloat();
            tensors.put(p.name(), new Tensor(p.shape(), data));
        }
        return NinWeights.of(spec, tensors);
    }

    @Override
    void release() {
        net.close();
    }

    private void load(NinWeights init) {
        NinWeights checked = NinWeights.of(spec, init.tensors());
        for (ParamShape p : spec.parameters()) {
            INDArray target = param(p);
            // DL4J's conv weights are [out, in, kh, kw] like PyTorch's (no flip); biases are [1, out]
            target.assign(Nd4j.create(checked.get(p.name()).data(), target.shape(), 'c'));
        }
    }

    /** The DL4J parameter behind one PyTorch tensor ("3.2.weight" is layer 3's second conv's "W"). */
    private INDArray param(ParamShape p) {
        String name = p.name();
        Integer layer = convLayers.get(name);
        if (layer == null) {
            throw new IllegalStateException("no DL4J layer for " + name);
        }
        INDArray value = net.getLayer(layer).getParam(p.bias() ? "b" : "W");
        if (value.length() != p.elements()) {
            throw new IllegalStateException(name + ": DL4J holds " + value.length() + " values, PyTorch "
                    + p.elements());
        }
        return value;
    }

    /**
     * The batch resized from 28x28 to the spec's side ({@link Nd4jResize}). Its off-heap buffers are freed on close,
     * every step, rather than whenever the Java GC collects them.
     */
    private final class Input implements AutoCloseable {
        private final INDArray images;
        private final INDArray resized;
        /** The network's input, a view of {@code resized} (or of {@code images} at 28 px). */
        final INDArray nchw;

        Input(Batch batch) {
            int n = batch.size();
            int side = spec.inputSide();
            images = Nd4j.create(batch.images(), new long[] {n, NinSpec.SOURCE_SIDE, NinSpec.SOURCE_SIDE, 1}, 'c');
            if (side == NinSpec.SOURCE_SIDE) {
                resized = null;
                nchw = images.reshape('c', n, 1, side, side);
                return;
            }
            resized = Nd4j.createUninitialized(DataType.FLOAT, n, side, side, 1);
            Nd4jResize.bilinear(images, resized);
            nchw = resized.reshape('c', n, 1, side, side);
        }

        @Override
        public void close() {
            images.close();
            if (resized != null) {
                resized.close();
            }
        }
    }

    private INDArray oneHot(Batch batch) {
        int classes = spec.classes();
        float[] onehot = new float[batch.size() * classes];
        int[] labels = checkedLabels(batch);
        for (int i = 0; i < labels.length; i++) {
            onehot[i * classes + labels[i]] = 1;
        }
        return Nd4j.create(onehot, new long[] {batch.size(), classes}, 'c');
    }
}
