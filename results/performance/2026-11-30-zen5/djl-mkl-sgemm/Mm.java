import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
public class Mm {
    public static void main(String[] a) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(2048, 2048)), y = m.randomUniform(0, 1, new Shape(2048, 2048));
            for (int i = 0; i < 3; i++) x.dot(y).close();
            long t = System.nanoTime();
            for (int i = 0; i < 10; i++) x.dot(y).close();
            double s = (System.nanoTime() - t) / 1e9 / 10;
            System.out.printf("sgemm 2048: %.1f GFLOP/s%n", 2.0 * 2048 * 2048 * 2048 / s / 1e9);
        }
    }
}
