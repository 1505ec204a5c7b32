package dev.ninbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.spec.NinOp;

/**
 * DJL's {@link Dropout} block, which can take the suite's shared masks instead of its own: the one place where
 * {@link DjlBlockModel}'s net departs from d2l-java's. DJL's block draws its masks from libtorch's generator, so on
 * its own it cannot apply the masks every engine and PyTorch apply in a step with {@link StepDropout.Shared}; there
 * this block multiplies its input by the mask of {@link StepDropout.Shared#mask} (already scaled by 1/(1-p), and the
 * product's gradient is the incoming one times the same mask, as in torch's dropout). Otherwise, in evaluation and
 * in steps with the engine's own masks, it runs the {@code Dropout} block it holds, as d2l-java's net would.
 */
final class SharedMaskDropout extends AbstractBlock {
    private final NinOp.Dropout op;
    private final Dropout dropout;
    /** The masks of the step being run, or null for DJL's own. */
    private StepDropout.Shared masks;

    SharedMaskDropout(NinOp.Dropout op) {
        this.op = op;
        // DJL's rate is a float; the suite's p (0.5) is exact in one
        this.dropout = addChildBlock("dropout", Dropout.builder().optRate((float) op.p()).build());
    }

    /** Applies {@code masks} in the training forwards from now on; null goes back to DJL's own dropout. */
    void use(StepDropout.Shared masks) {
        this.masks = masks;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (!training || masks == null) {
            return dropout.forward(parameterStore, inputs, training, params);
        }
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape(); // NCHW: the order the shared masks are drawn in
        dev.ninbench.core.spec.Shape out = op.out();
        if (shape.dimension() != 4 || shape.get(1) != out.channels() || shape.get(2) != out.height()
                || shape.get(3) != out.width()) {
            throw new IllegalStateException("dropout " + op.layer() + " expects activations of n x " + out + ", got "
                    + shape);
        }
        NDArray mask = x.getManager().create(masks.mask(op, Math.toIntExact(shape.get(0))), shape);
        return new NDList(x.mul(mask));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        dropout.initialize(manager, dataType, inputShapes);
    }
}
