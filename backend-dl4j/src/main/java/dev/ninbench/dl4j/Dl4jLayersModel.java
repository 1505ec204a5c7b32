package dev.ninbench.dl4j;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.spec.Layer;
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
final class Dl4jLayersModel implements Model {
    private final NinSpec spec;
    private final MultiLayerNetwork net;
    /** PyTorch's name prefix of each convolution ("0.0", "0.2", ...) to its DL4J layer index. */
    private final Map<String, Integer> convLayers;
    /** The global average pool's layer index: its activations are the logits (the loss layer's input). */
    private final int gapLayer;
    /** Each dropout layer's dropout by the layer's index in the spec. */
    private final Map<Integer, SharedMaskDropout> dropouts = new LinkedHashMap<>();
    /** The train-mode logits of the last {@code fit}, copied to the host by {@link #logitsListener}. */
    private float[] trainLogits;
    private boolean closed;

    Dl4jLayersModel(NinSpec spec, NinWeights init, ModelOptions options) {
        if (spec.inChannels() != 1) {
            throw new IllegalArgumentException(spec + ": batches hold 1-channel images, the spec wants "
                    + spec.inChannels() + " channels");
        }
        this.spec = spec;
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
        int index = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            Layer layer = spec.layers().get(i);
            if (layer instanceof Layer.NinBlock b) {
                for (int c = 0; c < 3; c++) {
                    // d2l's nin_block: the block's own conv, then two 1x1 convs; each followed by ReLU
                    int k = c == 0 ? b.kernel() : 1;
                    int stride = c == 0 ? b.stride() : 1;
                    int pad = c == 0 ? b.padding() : 0;
                    layers.layer(new ConvolutionLayer.Builder(k, k).stride(stride, stride).padding(pad, pad)
                            .nOut(b.outChannels()).activation(Activation.RELU).build());
                    convs.put(i + "." + 2 * c, index++);
                }
            } else if (layer instanceof Layer.MaxPool p) {
                layers.layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(p.kernel(), p.kernel())
                        .stride(p.stride(), p.stride()).build());
                index++;
            } else if (layer instanceof Layer.Dropout d && d.p() > 0) {
                // DL4J's argument is the RETAIN probability (PyTorch's p is the drop probability); both scale the
                // kept activations by 1/retain in training and do nothing in inference. p = 0 adds no layer.
                // the dropout draws its own masks unless the step gives it the suite's (SharedMaskDropout)
                SharedMaskDropout dropout = new SharedMaskDropout(d.p());
                dropouts.put(i, dropout);
                layers.layer(new DropoutLayer.Builder().dropOut(dropout).build());
                index++;
            }
        }
        this.gapLayer = index;
        layers.layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build());
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

    /** DL4J's dropout draws its masks from ND4J's default generator ({@code Nd4j.getRandom()}). */
    @Override
    public void reseed(long seed) {
        checkOpen();
        Nd4j.getRandom().setSeed(seed);
    }

    @Override
    public StepResult trainStep(Batch batch, StepDropout dropout) {
        checkOpen();
        dropouts.forEach((layer, d) -> {
            Shape in = spec.outputShapes().get(layer);
            double p = ((Layer.Dropout) spec.layers().get(layer)).p();
            d.use(dropout instanceof StepDropout.Shared shared ? shared.mask(layer, p, batch.size(), in) : null,
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
    public void close() {
        if (!closed) {
            closed = true;
            net.close();
        }
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
        int dot = name.lastIndexOf('.');
        Integer layer = convLayers.get(name.substring(0, dot));
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
        int[] labels = Dl4jOpsModel.checkedLabels(batch, classes, spec);
        for (int i = 0; i < labels.length; i++) {
            onehot[i * classes + labels[i]] = 1;
        }
        return Nd4j.create(onehot, new long[] {batch.size(), classes}, 'c');
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this dl4j model is closed");
        }
    }
}
