package dev.ninbench.dl4j;

import java.util.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * OneByOne BATCH: each 1x1 convolution of the d2l net at 96 px, forward, three ways: libnd4j's conv2d (oneDNN), a
 * matmul of the NHWC pixels by the weights transposed plus a bias row, and xw_plus_b. Throwaway; not built. Compiled
 * with ../dl4j-first-layer-grad/Patches.java, whose time() it uses.
 */
public class OneByOne {
    public static void main(String[] a) {
        Nd4jRuntime.selectNativeBuild(); Nd4jRuntime.allowHelpers(); Nd4jRuntime.applyThreads(2);
        int n = Integer.parseInt(a[0]);
        for (int[] g : new int[][] {{22, 96}, {10, 256}, {4, 384}}) {
            int side = g[0], c = g[1];
            long px = (long) n * side * side;
            INDArray in = Nd4j.rand(DataType.FLOAT, n, side, side, c);
            INDArray w = Nd4j.rand(DataType.FLOAT, c, c, 1, 1).subi(0.5);
            INDArray b = Nd4j.rand(DataType.FLOAT, c);
            INDArray out1 = Nd4j.create(DataType.FLOAT, n, side, side, c), out2 = Nd4j.create(DataType.FLOAT, n, side, side, c), out3 = Nd4j.create(DataType.FLOAT, n, side, side, c);
            LibNd4jOp conv = new LibNd4jOp("conv2d", new INDArray[] {in, w, b}, new INDArray[] {out1}, new long[] {1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1});
            LibNd4jOp mm = new LibNd4jOp("matmul", new INDArray[] {in.reshape('c', px, c), w.reshape('c', c, c)}, new INDArray[] {out2.reshape('c', px, c)}, new long[] {0, 1, 0});
            INDArray o2 = out2.reshape('c', px, c);
            LibNd4jOp xwb = new LibNd4jOp("xw_plus_b", new INDArray[] {in.reshape('c', px, c), w.reshape('c', c, c), b}, new INDArray[] {out3.reshape('c', px, c)}, new long[] {1});
            double tc = Patches.time(conv::run, 30), tm = Patches.time(mm::run, 30), tb = Patches.time(() -> o2.addiRowVector(b), 30);
            double tx = Double.NaN;
            try { tx = Patches.time(xwb::run, 30); } catch (RuntimeException e) { System.out.println("xw_plus_b: " + e.getMessage()); }
            conv.run(); mm.run(); o2.addiRowVector(b);
            System.out.printf("1x1 %d ch at %d px: conv2d %.2f ms; matmul %.2f + bias %.2f ms; xw_plus_b %.2f ms; |conv-mm| %.2g |conv-xwb| %.2g%n", c, side, tc, tm, tb, tx,
                out1.sub(out2).amaxNumber().doubleValue(), out1.sub(out3).amaxNumber().doubleValue());
        }
    }
}
