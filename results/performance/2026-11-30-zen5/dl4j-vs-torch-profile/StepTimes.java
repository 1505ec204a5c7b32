import dev.ninbench.core.engine.*;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.XavierInit;
import dev.ninbench.core.data.Batch;
import java.util.ServiceLoader;

/** Times an engine's tuned training step: StepTimes ENGINE BATCH; 15 warm-up steps, then 10 timed. */
public class StepTimes {
    public static void main(String[] a) {
        int bs = Integer.parseInt(a[1]);
        Backend backend = null;
        for (Backend b : ServiceLoader.load(Backend.class)) if (b.name().equals(a[0])) backend = b;
        NinSpec spec = NinSpec.d2l(96);
        Model m = backend.open(spec, XavierInit.init(spec, 42), new ModelOptions(0.1, 42, 2, Device.CPU));
        Batch batch = Batch.noise(bs, 42);
        for (int i = 0; i < 15; i++) m.trainStep(batch);
        System.out.println("timed steps start");
        long t = System.nanoTime();
        for (int i = 0; i < 10; i++) m.trainStep(batch);
        System.out.printf("%s: %.1f ms/step%n", a[0], (System.nanoTime() - t) / 1e7);
        m.close();
    }
}
