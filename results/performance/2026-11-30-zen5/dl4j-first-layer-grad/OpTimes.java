package dev.ninbench.dl4j;

import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.spec.ParamShape;
import java.lang.reflect.Field;
import java.util.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/** OpTimes BATCH REPS: each libnd4j op of DL4J's tuned net (OpNet) run and timed on its own, REPS times after 10; median ms. */
public class OpTimes {
    public static void main(String[] a) throws Exception {
        int bs = Integer.parseInt(a[0]);
        int reps = Integer.parseInt(a[1]);
        Nd4jRuntime.selectNativeBuild();
        Nd4jRuntime.allowHelpers();
        System.out.println("threads " + Nd4jRuntime.applyThreads(2));
        NinSpec spec = NinSpec.d2l(96);
        Map<String, INDArray> w = new LinkedHashMap<>(), g = new LinkedHashMap<>();
        for (ParamShape p : spec.parameters()) {
            long[] shape = Arrays.stream(p.shape()).asLongStream().toArray();
            w.put(p.name(), Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(0.1));
            g.put(p.name(), Nd4j.create(DataType.FLOAT, shape));
        }
        OpNet net = new OpNet(spec, bs, w, g);
        Field f = OpNet.class.getDeclaredField("stages");
        f.setAccessible(true);
        @SuppressWarnings("unchecked") List<OpStage> stages = (List<OpStage>) f.get(net);
        for (OpStage s : stages) { s.out.assign(Nd4j.rand(DataType.FLOAT, s.out.shape())); s.gradOut.assign(Nd4j.rand(DataType.FLOAT, s.out.shape()).subi(0.5)); }
        INDArray params = Nd4j.create(DataType.FLOAT, 1992166), grads = Nd4j.rand(DataType.FLOAT, 1992166);
        double total = 0;
        int i = 0;
        for (OpStage s : stages) {
            String sname = i++ + ":" + s.getClass().getSimpleName() + Arrays.toString(s.out.shape());
            List<Runnable> items = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Field nf = LibNd4jOp.class.getDeclaredField("name"); nf.setAccessible(true);
            for (LibNd4jOp op : s.ops) { items.add(op::run); names.add((String) nf.get(op)); }
            if (s instanceof OpStage.ConvRelu) {
                Field pf = OpStage.ConvRelu.class.getDeclaredField("positive"); pf.setAccessible(true);
                INDArray positive = (INDArray) pf.get(s);
                items.add(() -> Nd4j.exec(new Sign(s.out, positive))); names.add("sign(java)");
            }
            if (s instanceof OpStage.Dropout d) {
                items.add(() -> d.forward(true)); names.add("dropout fwd");
                items.add(() -> d.backward()); names.add("dropout bwd");
            }
            for (int k = 0; k < items.size(); k++) {
                Runnable r = items.get(k);
                for (int j = 0; j < 10; j++) r.run();
                double[] t = new double[reps];
                for (int j = 0; j < reps; j++) { long t0 = System.nanoTime(); r.run(); t[j] = (System.nanoTime() - t0) / 1e6; }
                Arrays.sort(t);
                total += t[reps / 2];
                System.out.printf("%-40s %-12s %8.2f ms (min %.2f)%n", sname, names.get(k), t[reps / 2], t[0]);
            }
        }
        double[] t = new double[reps];
        for (int j = 0; j < 10; j++) Nd4j.getBlasWrapper().level1().axpy(params.length(), -0.1, grads, params);
        for (int j = 0; j < reps; j++) { long t0 = System.nanoTime(); Nd4j.getBlasWrapper().level1().axpy(params.length(), -0.1, grads, params); t[j] = (System.nanoTime() - t0) / 1e6; }
        Arrays.sort(t); total += t[reps / 2];
        System.out.printf("%-40s %-12s %8.2f ms%n", "sgd", "axpy", t[reps / 2]);
        System.out.printf("sum of medians %.1f ms%n", total);
    }
}
