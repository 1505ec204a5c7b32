package dev.ninbench.dl4j;

import java.util.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import static org.nd4j.linalg.indexing.NDArrayIndex.*;

/**
 * PatchLayouts BATCH: the first layer's weight gradient (11x11 stride 4, 96 px, 1 -> 96 channels) with its patches made in
 * several ways: (a) im2col + a patch-major copy + matmul written transposed (commit 06344ed), (b) extract_image_patches,
 * (c) 9 strided copies into [n, oh, ow, k, k], (d) 121 strided copies, (e)/(f) the matmul variants, (g) 9 strided
 * copies into [k, k, n, oh, ow] + one plain matmul (the tuned path since this measurement). Throwaway; not built. Compiled with
 * ../dl4j-first-layer-grad/Patches.java, whose Patches.time() it uses.
 */
public class PatchLayouts {
    public static void main(String[] a) {
        Nd4jRuntime.selectNativeBuild(); Nd4jRuntime.allowHelpers(); Nd4jRuntime.applyThreads(2);
        int n = Integer.parseInt(a[0]); int k = 11, s = 4, side = 96, oh = 22, c = 96;
        long px = (long) n * oh * oh;
        INDArray in = Nd4j.rand(DataType.FLOAT, n, side, side, 1);
        INDArray gradOut = Nd4j.rand(DataType.FLOAT, n, oh, oh, c).subi(0.5);
        INDArray g2 = gradOut.reshape('c', px, c);
        // (a) today
        INDArray columns = Nd4j.createUninitialized(DataType.FLOAT, n, 1, k, k, oh, oh);
        INDArray byPatch = Nd4j.createUninitialized(DataType.FLOAT, k * k, n, oh * oh);
        INDArray byImage = columns.reshape('c', n, k * k, oh * oh).permute(1, 0, 2);
        LibNd4jOp im2col = new LibNd4jOp("im2col", new INDArray[] {in.reshape('c', n, 1, side, side)}, new INDArray[] {columns}, new long[] {k, k, s, s, 0, 0, 1, 1, 0});
        INDArray dWa = Nd4j.create(DataType.FLOAT, c, k * k);
        LibNd4jOp mmA = new LibNd4jOp("matmul", new INDArray[] {byPatch.reshape('c', k * k, px), g2}, new INDArray[] {dWa}, new long[] {0, 0, 1});
        System.out.printf("(a) im2col %.2f, permute copy %.2f, matmul(0,0,1) %.2f ms%n", Patches.time(im2col::run, 20), Patches.time(() -> byPatch.assign(byImage), 20), Patches.time(mmA::run, 20));
        // (b) extract_image_patches
        INDArray patches = Nd4j.createUninitialized(DataType.FLOAT, n, oh, oh, k * k);
        LibNd4jOp extract = new LibNd4jOp("extract_image_patches", new INDArray[] {in}, new INDArray[] {patches}, new long[] {k, k, s, s, 1, 1, 0});
        INDArray dWb = Nd4j.create(DataType.FLOAT, c, k * k);
        LibNd4jOp mmB = new LibNd4jOp("matmul", new INDArray[] {g2, patches.reshape('c', px, k * k)}, new INDArray[] {dWb}, new long[] {1, 0, 0});
        System.out.printf("(b) extract_image_patches %.2f, matmul(1,0,0) %.2f ms%n", Patches.time(extract::run, 20), Patches.time(mmB::run, 20));
        // (c) 9 strided copies from the image viewed [n, 24, 4, 24, 4] into patch-major [n, 22, 22, 11, 11]
        INDArray patches5 = Nd4j.createUninitialized(DataType.FLOAT, n, oh, oh, k, k);
        INDArray i5 = in.reshape('c', n, side / s, s, side / s, s);
        List<INDArray[]> pairs = new ArrayList<>();
        for (int qh = 0; qh * s < k; qh++) for (int qw = 0; qw * s < k; qw++) {
            int nh = Math.min(s, k - qh * s), nw = Math.min(s, k - qw * s);
            INDArray src = i5.get(all(), interval(qh, qh + oh), interval(0, nh), interval(qw, qw + oh), interval(0, nw)).permute(0, 1, 3, 2, 4);
            INDArray dst = patches5.get(all(), all(), all(), interval(qh * s, qh * s + nh), interval(qw * s, qw * s + nw));
            pairs.add(new INDArray[] {dst, src});
        }
        INDArray dWc = Nd4j.create(DataType.FLOAT, c, k * k);
        LibNd4jOp mmC = new LibNd4jOp("matmul", new INDArray[] {g2, patches5.reshape('c', px, k * k)}, new INDArray[] {dWc}, new long[] {1, 0, 0});
        System.out.printf("(c) 9 strided copies %.2f, matmul(1,0,0) %.2f ms%n", Patches.time(() -> { for (INDArray[] p : pairs) p[0].assign(p[1]); }, 20), Patches.time(mmC::run, 20));
        // (d) 121 strided copies into [k*k, n, oh, ow]
        INDArray byPatchD = Nd4j.createUninitialized(DataType.FLOAT, k * k, n, oh, oh);
        INDArray i3 = in.reshape('c', n, side, side);
        List<INDArray[]> pairsD = new ArrayList<>();
        for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++) {
            INDArray src = i3.get(all(), interval(ky, s, ky + s * (oh - 1) + 1), interval(kx, s, kx + s * (oh - 1) + 1));
            pairsD.add(new INDArray[] {byPatchD.get(point(ky * k + kx), all(), all(), all()), src});
        }
        INDArray dWd = Nd4j.create(DataType.FLOAT, c, k * k);
        LibNd4jOp mmD = new LibNd4jOp("matmul", new INDArray[] {byPatchD.reshape('c', k * k, px), g2}, new INDArray[] {dWd}, new long[] {0, 0, 1});
        System.out.printf("(d) 121 strided copies %.2f, matmul(0,0,1) %.2f ms%n", Patches.time(() -> { for (INDArray[] p : pairsD) p[0].assign(p[1]); }, 20), Patches.time(mmD::run, 20));
        INDArray tmpE = Nd4j.create(DataType.FLOAT, k * k, c);
        LibNd4jOp mmE = new LibNd4jOp("matmul", new INDArray[] {byPatchD.reshape('c', k * k, px), g2}, new INDArray[] {tmpE}, new long[] {0, 0, 0});
        LibNd4jOp mmF = new LibNd4jOp("matmul", new INDArray[] {patches5.reshape('c', px, k * k), g2}, new INDArray[] {tmpE}, new long[] {1, 0, 0});
        System.out.printf("(e) matmul(0,0,0) on [kk, px] %.2f ms; (f) matmul(1,0,0) patches^T g %.2f ms; transpose assign %.3f ms%n", Patches.time(mmE::run, 20), Patches.time(mmF::run, 20), Patches.time(() -> dWd.assign(tmpE.transpose()), 20));
        im2col.run(); byPatch.assign(byImage); mmA.run(); extract.run(); mmB.run(); for (INDArray[] p : pairs) p[0].assign(p[1]); mmC.run(); for (INDArray[] p : pairsD) p[0].assign(p[1]); mmD.run();
        System.out.printf("max|dW| %.3g; |a-b| %.3g |a-c| %.3g |a-d| %.3g; shapes %s %s%n", dWa.amaxNumber().doubleValue(), dWa.sub(dWb).amaxNumber().doubleValue(), dWa.sub(dWc).amaxNumber().doubleValue(), dWa.sub(dWd).amaxNumber().doubleValue(), Arrays.toString(pairs.get(0)[1].shape()), Arrays.toString(pairsD.get(0)[1].shape()));
        INDArray byPatchG = Nd4j.createUninitialized(DataType.FLOAT, k, k, n, oh, oh);
        List<INDArray[]> pairsG = new ArrayList<>();
        for (int qh = 0; qh * s < k; qh++) for (int qw = 0; qw * s < k; qw++) {
            int nh = Math.min(s, k - qh * s), nw = Math.min(s, k - qw * s);
            INDArray src = i5.get(all(), interval(qh, qh + oh), interval(0, nh), interval(qw, qw + oh), interval(0, nw)).permute(2, 4, 0, 1, 3);
            INDArray dst = byPatchG.get(interval(qh * s, qh * s + nh), interval(qw * s, qw * s + nw), all(), all(), all());
            pairsG.add(new INDArray[] {dst, src});
        }
        INDArray tmpG = Nd4j.create(DataType.FLOAT, k * k, c);
        LibNd4jOp mmG = new LibNd4jOp("matmul", new INDArray[] {byPatchG.reshape('c', k * k, px), g2}, new INDArray[] {tmpG}, new long[] {0, 0, 0});
        System.out.printf("(g) 9 strided copies into [k, k, n, oh, ow] %.2f ms, matmul %.2f%n", Patches.time(() -> { for (INDArray[] p : pairsG) p[0].assign(p[1]); }, 20), Patches.time(mmG::run, 20));
        for (INDArray[] p : pairsG) p[0].assign(p[1]); mmG.run();
        INDArray dWg = tmpG.transpose().dup();
        System.out.printf("|a-g| %.3g%n", dWa.sub(dWg).amaxNumber().doubleValue());
    }
}
