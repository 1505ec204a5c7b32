package dev.ninbench.dl4j;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The first layer's weight gradient two ways: im2col + batched matmul + reduce_sum (today) and extract_image_patches + one matmul. */
public class Patches {
    static double time(Runnable r, int reps) {
        for (int j = 0; j < 5; j++) r.run();
        double[] t = new double[reps];
        for (int j = 0; j < reps; j++) { long t0 = System.nanoTime(); r.run(); t[j] = (System.nanoTime() - t0) / 1e6; }
        Arrays.sort(t); return t[reps / 2];
    }
    public static void main(String[] a) {
        Nd4jRuntime.selectNativeBuild(); Nd4jRuntime.allowHelpers(); Nd4jRuntime.applyThreads(2);
        int n = Integer.parseInt(a[0]); int k = 11, s = 4, side = 96, oh = 22, c = 96;
        INDArray in = Nd4j.rand(DataType.FLOAT, n, side, side, 1);
        INDArray gradOut = Nd4j.rand(DataType.FLOAT, n, oh, oh, c).subi(0.5);
        // today
        INDArray columns = Nd4j.createUninitialized(DataType.FLOAT, n, 1, k, k, oh, oh);
        INDArray perImage = Nd4j.createUninitialized(DataType.FLOAT, n, c, k * k);
        INDArray dW1 = Nd4j.create(DataType.FLOAT, c, k * k);
        LibNd4jOp im2col = new LibNd4jOp("im2col", new INDArray[] {in.reshape('c', n, 1, side, side)}, new INDArray[] {columns}, new long[] {k, k, s, s, 0, 0, 1, 1, 0});
        LibNd4jOp bmm = new LibNd4jOp("matmul", new INDArray[] {gradOut.reshape('c', n, oh * oh, c), columns.reshape('c', n, k * k, oh * oh)}, new INDArray[] {perImage}, new long[] {1, 1, 0});
        LibNd4jOp sum = new LibNd4jOp("reduce_sum", new INDArray[] {perImage}, new INDArray[] {dW1}, new long[] {0});
        // patches
        INDArray patches = Nd4j.createUninitialized(DataType.FLOAT, n, oh, oh, k * k);
        INDArray dW2 = Nd4j.create(DataType.FLOAT, c, k * k);
        LibNd4jOp extract = new LibNd4jOp("extract_image_patches", new INDArray[] {in}, new INDArray[] {patches}, new long[] {k, k, s, s, 1, 1, 0});
        LibNd4jOp mm = new LibNd4jOp("matmul", new INDArray[] {gradOut.reshape('c', (long) n * oh * oh, c), patches.reshape('c', (long) n * oh * oh, k * k)}, new INDArray[] {dW2}, new long[] {1, 0, 0});
        INDArray perImageT = Nd4j.createUninitialized(DataType.FLOAT, n, k * k, c);
        LibNd4jOp bmm2 = new LibNd4jOp("matmul", new INDArray[] {columns.reshape('c', n, k * k, oh * oh), gradOut.reshape('c', n, oh * oh, c)}, new INDArray[] {perImageT}, new long[] {0, 0, 0});
        INDArray dW3t = Nd4j.create(DataType.FLOAT, k * k, c);
        LibNd4jOp sum2 = new LibNd4jOp("reduce_sum", new INDArray[] {perImageT}, new INDArray[] {dW3t}, new long[] {0});
        System.out.printf("batched matmul without transposes %.2f ms, its reduce_sum %.2f ms%n", time(bmm2::run, 20), time(sum2::run, 20));
        INDArray colsPnq = Nd4j.createUninitialized(DataType.FLOAT, k * k, n, oh * oh);
        INDArray colsView = columns.reshape('c', n, k * k, oh * oh).permute(1, 0, 2);
        INDArray dW4 = Nd4j.create(DataType.FLOAT, c, k * k);
        LibNd4jOp mm4 = new LibNd4jOp("matmul", new INDArray[] {gradOut.reshape('c', (long) n * oh * oh, c), colsPnq.reshape('c', k * k, (long) n * oh * oh)}, new INDArray[] {dW4}, new long[] {1, 1, 0});
        System.out.printf("permute copy %.2f ms, one matmul (T,T) %.2f ms%n", time(() -> colsPnq.assign(colsView), 20), time(mm4::run, 20));
        INDArray dW5t = Nd4j.create(DataType.FLOAT, k * k, c);
        LibNd4jOp mm5 = new LibNd4jOp("matmul", new INDArray[] {colsPnq.reshape('c', k * k, (long) n * oh * oh), gradOut.reshape('c', (long) n * oh * oh, c)}, new INDArray[] {dW5t}, new long[] {0, 0, 0});
        INDArray colsNqp = Nd4j.createUninitialized(DataType.FLOAT, n, oh * oh, k * k);
        INDArray colsView2 = columns.reshape('c', n, k * k, oh * oh).permute(0, 2, 1);
        System.out.printf("one matmul (N,N) on the permuted columns %.2f ms; per-image transpose copy %.2f ms%n", time(mm5::run, 20), time(() -> colsNqp.assign(colsView2), 20));
        System.out.printf("im2col %.2f ms, batched matmul %.2f ms, reduce_sum %.2f ms%n", time(im2col::run, 20), time(bmm::run, 20), time(sum::run, 20));
        System.out.printf("one matmul on patches %.2f ms%n", time(mm::run, 20));
        im2col.run(); bmm.run(); sum.run(); extract.run(); mm.run(); bmm2.run(); sum2.run(); colsPnq.assign(colsView); mm4.run(); mm5.run();
        System.out.printf("max |dW1 - dW5| = %.3g%n", dW1.sub(dW5t.transpose()).amaxNumber().doubleValue());
        System.out.printf("max |dW1 - dW3| = %.3g, max |dW1 - dW4| = %.3g%n", dW1.sub(dW3t.transpose()).amaxNumber().doubleValue(), dW1.sub(dW4).amaxNumber().doubleValue());
        System.out.printf("max |dW1 - dW2| = %.3g, max |dW1| = %.3g%n", dW1.sub(dW2).amaxNumber().doubleValue(), dW1.amaxNumber().doubleValue());
    }
}
