package dev.ninbench.core.spec;

/**
 * What an engine supplies to run a {@link NinSpec}: one method per kind of {@link NinOp}, each taking the
 * activations so far ({@code X}: a tensor, a graph node, or a builder's position) and returning the next.
 * {@link NinSpec#forward} calls them in the net's order.
 *
 * @param <X> what flows from one operation to the next in this engine
 */
public interface NinOps<X> {
    /** Convolution with {@code conv}'s weight and bias (by their PyTorch names), then ReLU. */
    X convRelu(X x, NinOp.Conv conv);

    X maxPool(X x, NinOp.MaxPool pool);

    /** In training: multiply by a mask of 0 and 1/(1-p); in evaluation: the identity. */
    X dropout(X x, NinOp.Dropout dropout);

    /** {@code [n, classes]} logits from the last block's output. */
    X globalAveragePool(X x, NinOp.GlobalAveragePool pool);
}
