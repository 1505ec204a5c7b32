package dev.ninbench.dl4j;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import dev.ninbench.core.train.Evaluation;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Tensor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A NiN whose every layer is a libnd4j op ({@code conv2d}/{@code conv2d_bp}, {@code maxpool2d}/{@code maxpool2d_bp},
 * ...) called directly on preallocated arrays ({@link OpNet}), with the softmax cross-entropy and plain SGD around
 * them. On ND4J's oneDNN build these ops are oneDNN primitives; DL4J's MultiLayerNetwork ({@link Dl4jLayersModel})
 * reaches the same ops through its layer helpers but spends much of a step around them, and SameDiff's executor
 * costs more than the ops themselves (docs/engine-facts.md, DL4J facts).
 */
final class Dl4jOpsModel extends Dl4jModel {
    /** Nets for this many batch sizes are kept (training's, the last partial batch's, evaluation's). */
    private static final int NETS_KEPT = 2;

    private final double learningRate;
    /** Every parameter, in PyTorch's order, in one vector, so one BLAS call makes the SGD update. */
    private final INDArray parameters;
    private final INDArray gradients;
    /** PyTorch's name to a view of {@link #parameters} in PyTorch's layout ({@code [out, in, k, k]}, {@code [out]}). */
    private final Map<String, INDArray> weightViews = new LinkedHashMap<>();
    private final Map<String, INDArray> gradientViews = new LinkedHashMap<>();
    /** Least recently used first. */
    private final LinkedHashMap<Integer, OpNet> nets = new LinkedHashMap<>(4, 0.75f, true);

    Dl4jOpsModel(NinSpec spec, NinWeights init, ModelOptions options) {
        super(spec);
        NinWeights checked = NinWeights.of(spec, init.tensors());
        this.learningRate = options.learningRate();
        long total = spec.parameterCount();
        this.parameters = Nd4j.create(DataType.FLOAT, total);
        this.gradients = Nd4j.create(DataType.FLOAT, total);
        long offset = 0;
        for (ParamShape p : spec.parameters()) {
            long[] shape = Arrays.stream(p.shape()).asLongStream().toArray();
            INDArray weight = view(parameters, offset, p.elements(), shape);
            weight.assign(Nd4j.create(checked.get(p.name()).data(), shape, 'c'));
            weightViews.put(p.name(), weight);
            gradientViews.put(p.name(), view(gradients, offset, p.elements(), shape));
            offset += p.elements();
        }
    }

    /** A view (never a copy: the ops write through it) of {@code length} values of a vector, reshaped. */
    private static INDArray view(INDArray vector, long offset, long length, long[] shape) {
        INDArray view = vector.get(NDArrayIndex.interval(offset, offset + length)).reshape('c', shape);
        if (!view.isView()) {
            throw new IllegalStateException("ND4J copied a parameter instead of viewing it");
        }
        return view;
    }

    @Override
    public StepResult trainStep(Batch batch, StepDropout dropout) {
        checkOpen();
        OpNet net = net(batch.size());
        float[] logits = net.forward(batch, dropout);
        int classes = spec.classes();
        int[] labels = checkedLabels(batch);
        float loss = (float) Evaluation.meanCrossEntropy(logits, labels, classes);
        net.backward(meanCrossEntropyGradient(logits, labels, classes));
        // plain SGD: w -= lr * dLoss/dw over every parameter at once
        Nd4j.getBlasWrapper().level1().axpy(parameters.length(), -learningRate, gradients, parameters);
        return new StepResult(loss, logits);
    }

    @Override
    public float[] logits(Batch batch) {
        checkOpen();
        return net(batch.size()).forward(batch, null);
    }

    @Override
    public NinWeights weights() {
        checkOpen();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (ParamShape p : spec.parameters()) {
            tensors.put(p.name(), new Tensor(p.shape(), weightViews.get(p.name()).dup('c').data().asFloat()));
        }
        return NinWeights.of(spec, tensors);
    }

    @Override
    void release() {
        nets.values().forEach(OpNet::close);
        nets.clear();
        parameters.close();
        gradients.close();
    }

    private OpNet net(int batchSize) {
        OpNet net = nets.get(batchSize);
        if (net == null) {
            if (nets.size() >= NETS_KEPT) {
                Iterator<OpNet> eldest = nets.values().iterator();
                eldest.next().close();
                eldest.remove();
            }
            net = new OpNet(spec, batchSize, weightViews, gradientViews);
            nets.put(batchSize, net);
        }
        return net;
    }

    /**
     * dLoss/dLogits of the mean softmax cross-entropy: (softmax(logits) - onehot(label)) / n, row by row, computed
     * around each row's maximum as {@link Evaluation} computes the loss.
     */
    static float[] meanCrossEntropyGradient(float[] logits, int[] labels, int classes) {
        int n = labels.length;
        float[] grad = new float[logits.length];
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[row + j] - max);
            }
            for (int j = 0; j < classes; j++) {
                double p = Math.exp(logits[row + j] - max) / sum;
                grad[row + j] = (float) ((p - (j == labels[i] ? 1 : 0)) / n);
            }
        }
        return grad;
    }
}
