package dev.ninbench.dl4j;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A MultiLayerNetwork dropout that multiplies by the mask it was given for the step ({@link #use}: the suite's
 * shared masks), and otherwise does what DL4J's own {@link Dropout} does. One instance per dropout layer, held by the
 * model: {@link #clone} returns this same instance, so the layer DL4J builds from its configuration keeps it.
 */
final class SharedMaskDropout implements IDropout {
    private final IDropout own;
    /** The step's mask (NCHW, already scaled by 1/(1-p)), or null for DL4J's own draw. */
    private transient INDArray mask;

    /** @param p PyTorch's drop probability (DL4J's own {@link Dropout} takes the retain probability) */
    SharedMaskDropout(double p) {
        this.own = new Dropout(1 - p);
    }

    /** The next forward and backward multiply by {@code nchw} ({@code shape}); null goes back to DL4J's own draw. */
    void use(float[] nchw, long[] shape) {
        if (mask != null) {
            mask.close();
            mask = null;
        }
        if (nchw != null) {
            mask = Nd4j.create(nchw, shape, 'c').castTo(DataType.FLOAT);
        }
    }

    @Override
    public INDArray applyDropout(INDArray input, INDArray result, int iteration, int epoch, LayerWorkspaceMgr mgr) {
        if (mask == null) {
            return own.applyDropout(input, result, iteration, epoch, mgr);
        }
        return input.mul(mask, result);
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) {
            return own.backprop(gradAtOutput, gradAtInput, iteration, epoch);
        }
        return gradAtOutput.mul(mask, gradAtInput);
    }

    @Override
    public void clear() {
        own.clear();
    }

    @Override
    public IDropout clone() {
        return this;
    }
}
