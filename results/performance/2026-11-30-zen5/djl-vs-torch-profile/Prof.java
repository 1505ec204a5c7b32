import dev.ninbench.core.engine.*;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.XavierInit;
import dev.ninbench.core.data.Batch;
import java.util.ServiceLoader;

public class Prof {
    public static void main(String[] a) throws Exception {
        int bs = Integer.parseInt(a[0]);
        Backend backend = null;
        for (Backend b : ServiceLoader.load(Backend.class)) if (b.name().equals("djl")) backend = b;
        NinSpec spec = NinSpec.d2l(96);
        ModelOptions o = new ModelOptions(0.1, 42, 2, Device.CPU);
        Model m = backend.open(spec, XavierInit.init(spec, 42), o);
        Batch batch = Batch.noise(bs, 42);
        for (int i = 0; i < 15; i++) m.trainStep(batch);
        long t = System.nanoTime();
        for (int i = 0; i < 10; i++) m.trainStep(batch);
        System.out.printf("plain: %.1f ms/step%n", (System.nanoTime() - t) / 1e7);
        ai.djl.pytorch.jni.JniUtils.startProfile(false, false, false);
        t = System.nanoTime();
        for (int i = 0; i < 10; i++) m.trainStep(batch);
        System.out.printf("profiled: %.1f ms/step%n", (System.nanoTime() - t) / 1e7);
        ai.djl.pytorch.jni.JniUtils.stopProfile(a[1]);
        m.close();
    }
}
