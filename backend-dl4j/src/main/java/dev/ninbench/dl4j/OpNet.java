package dev.ninbench.dl4j;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.spec.NinOp;
import dev.ninbench.core.spec.NinOps;
import dev.ninbench.core.spec.NinSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The NiN's forward and backward passes for one batch size: libnd4j ops bound once to arrays allocated once, so a
 * step allocates nothing but the few Java arrays of the loss. The weights and their gradients are the model's (views
 * of its flat vectors); the activations and their gradients are this net's.
 */
final class OpNet implements AutoCloseable {
    final int batchSize;
    private final NinSpec spec;
    /** The batch as it arrives, {@code [n, 28, 28, 1]}. */
    private final INDArray images;
    /** The net's input, {@code [n, side, side, 1]} ({@link #images} itself at 28 px). */
    private final INDArray input;
    private final List<OpStage> stages = new ArrayList<>();

    OpNet(NinSpec spec, int batchSize, Map<String, INDArray> weights, Map<String, INDArray> gradients) {
        this.batchSize = batchSize;
        this.spec = spec;
        int side = spec.inputSide();
        this.images = Nd4j.createUninitialized(DataType.FLOAT, batchSize, NinSpec.SOURCE_SIDE, NinSpec.SOURCE_SIDE, 1);
        this.input = side == NinSpec.SOURCE_SIDE ? images
                : Nd4j.createUninitialized(DataType.FLOAT, batchSize, side, side, 1);
        try {
            // the input's gradient is needed by no one
            spec.forward(new Flow(input, null), new NinOps<>() {
                @Override
                public Flow convRelu(Flow x, NinOp.Conv conv) {
                    String w = conv.weight().name();
                    String b = conv.bias().name();
                    return add(new OpStage.ConvRelu(x.value, x.gradient, weights.get(w), weights.get(b),
                            gradients.get(w), gradients.get(b), conv.kernel(), conv.stride(), conv.padding()));
                }

                @Override
                public Flow maxPool(Flow x, NinOp.MaxPool pool) {
                    return add(OpStage.Pool.max(x.value, x.gradient, pool.kernel(), pool.stride()));
                }

                @Override
                public Flow dropout(Flow x, NinOp.Dropout dropout) {
                    return add(new OpStage.Dropout(x.value, x.gradient, dropout));
                }

                @Override
                public Flow globalAveragePool(Flow x, NinOp.GlobalAveragePool pool) {
                    return add(OpStage.Pool.globalAverage(x.value, x.gradient));
                }
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** An activation and its gradient: a stage's output, and the next stage's input. */
    private record Flow(INDArray value, INDArray gradient) {
    }

    private Flow add(OpStage stage) {
        stages.add(stage);
        return new Flow(stage.out, stage.gradOut);
    }

    private OpStage last() {
        return stages.get(stages.size() - 1);
    }

    /**
     * Copies the batch in, resizes it to the net's side and runs the forward pass; returns the logits. In training
     * ({@code dropout} not null) the masks come from {@code dropout}; null is eval mode.
     */
    float[] forward(Batch batch, StepDropout dropout) {
        if (batch.size() != batchSize) {
            throw new IllegalArgumentException("this net is for batches of " + batchSize + ", got " + batch.size());
        }
        images.data().setData(batch.images());
        if (input != images) {
            Nd4jResize.bilinear(images, input);
        }
        for (OpStage stage : stages) {
            if (stage instanceof OpStage.Dropout d && dropout instanceof StepDropout.Shared shared) {
                d.useMask(shared.maskNhwc(d.op, batchSize));
            }
            stage.forward(dropout != null);
        }
        return last().out.data().asFloat();
    }

    /** Backward from dLoss/dLogits ({@code [n x classes]} row-major): fills the model's gradients. */
    void backward(float[] gradLogits) {
        last().gradOut.data().setData(gradLogits);
        for (int i = stages.size() - 1; i >= 0; i--) {
            stages.get(i).backward();
        }
    }

    @Override
    public void close() {
        stages.forEach(OpStage::close);
        images.close();
        if (input != images) {
            input.close();
        }
    }
}
