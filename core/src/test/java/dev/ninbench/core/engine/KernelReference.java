package dev.ninbench.core.engine;

/**
 * {@link Kernel}s computed in plain Java, in double precision, the slow obvious way: what each engine's kernel is
 * checked against on tiny sizes ({@link BackendContract}).
 */
public final class KernelReference {
    private KernelReference() {
    }

    /** The output of {@code kernel} on {@code inputs} (as {@link Kernel#inputs} gives them), in Kernel's layout. */
    public static float[] compute(Kernel kernel, float[][] inputs) {
        return kernel.kind() == Kernel.Kind.SGEMM ? sgemm(kernel.size(), inputs[0], inputs[1]) : conv(kernel, inputs[0], inputs[1]);
    }

    private static float[] sgemm(int n, float[] a, float[] b) {
        float[] c = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += (double) a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = (float) sum;
            }
        }
        return c;
    }

    private static float[] conv(Kernel k, float[] x, float[] w) {
        int s = k.size();
        int win = k.window();
        int pad = k.padding();
        float[] y = new float[k.batch() * k.outChannels() * s * s];
        for (int n = 0; n < k.batch(); n++) {
            for (int o = 0; o < k.outChannels(); o++) {
                for (int row = 0; row < s; row++) {
                    for (int col = 0; col < s; col++) {
                        double sum = 0;
                        for (int i = 0; i < k.inChannels(); i++) {
                            for (int dy = 0; dy < win; dy++) {
                                for (int dx = 0; dx < win; dx++) {
                                    int r = row + dy - pad;
                                    int c = col + dx - pad;
                                    if (r >= 0 && r < s && c >= 0 && c < s) {
                                        sum += (double) x[((n * k.inChannels() + i) * s + r) * s + c]
                                                * w[((o * k.inChannels() + i) * win + dy) * win + dx];
                                    }
                                }
                            }
                        }
                        y[((n * k.outChannels() + o) * s + row) * s + col] = (float) sum;
                    }
                }
            }
        }
        return y;
    }
}
