package dev.ninbench.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.image.ResizeBilinear;
import org.nd4j.linalg.factory.Nd4j;

/** The batch resize both DL4J models share. */
final class Nd4jResize {
    private Nd4jResize() {
    }

    /**
     * Resizes {@code [n, h, w, 1]} images into {@code out} ({@code [n, side, side, 1]}, allocated by the caller):
     * libnd4j's resize_bilinear with half-pixel centres is PyTorch's bilinear with align_corners=False. With one
     * channel, NHWC and NCHW are the same memory, so the result is also the network's NCHW input. A pre-allocated
     * output, because {@code Nd4j.image().resizeBiLinear} throws a NullPointerException in M2.1.
     */
    static void bilinear(INDArray images, INDArray out) {
        Nd4j.exec(new ResizeBilinear(images, out, (int) out.size(1), (int) out.size(2), false, true));
    }
}
