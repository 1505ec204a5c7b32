import dev.ninbench.core.engine.*;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.XavierInit;
import dev.ninbench.core.data.Batch;
import java.util.ServiceLoader;
import java.util.Arrays;

/** StepEach ENGINE BATCH STEPS: 10 warm-up steps, then STEPS timed one by one; prints each and the median. */
public class StepEach {
    public static void main(String[] a) {
        int bs = Integer.parseInt(a[1]);
        int n = Integer.parseInt(a[2]);
        Backend backend = null;
        for (Backend b : ServiceLoader.load(Backend.class)) if (b.name().equals(a[0])) backend = b;
        NinSpec spec = NinSpec.d2l(96);
        Model m = backend.open(spec, XavierInit.init(spec, 42), new ModelOptions(0.1, 42, 2, Device.CPU));
        Batch batch = Batch.noise(bs, 42);
        for (int i = 0; i < 10; i++) m.trainStep(batch);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            m.trainStep(batch);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        StringBuilder sb = new StringBuilder();
        for (double x : t) sb.append(String.format("%.0f ", x));
        double[] s = t.clone(); Arrays.sort(s);
        System.out.printf("%s steps: %s%nmedian %.1f ms min %.1f ms mean %.1f ms%n", a[0], sb, s[n / 2], s[0],
                Arrays.stream(t).average().orElse(0));
        m.close();
    }
}
