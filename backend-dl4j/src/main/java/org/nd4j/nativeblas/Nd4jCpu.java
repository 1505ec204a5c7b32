package org.nd4j.nativeblas;

/**
 * A bridge that lets DL4J 1.0.0-M2.1 use its oneDNN layer helpers, which are otherwise dead code in that release.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} asks, by reflection, for
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}; ND4J M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed the method {@code isUseONEDNN()}, so the lookup
 * fails and every convolution and pooling layer falls back to im2col + gemm in Java-driven ND4J ops. This class has
 * the old name and answers with the new method, so (on the oneDNN build, with helpers allowed, see
 * {@link dev.ninbench.dl4j.Dl4jBackend}) the layers run libnd4j's oneDNN {@code conv2d}/{@code maxpool2d} ops instead.
 * It changes nothing else: on a build without oneDNN it answers false and DL4J keeps its own code (libnd4j's flag
 * {@code isUseONEDNN()} defaults to true even on builds without oneDNN, so the build's own list is asked as well).
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The shape DL4J's reflection expects: a static {@code getInstance()} and {@code isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();
        /** Asked once: DL4J asks on every layer call, and the native build of a JVM never changes. */
        private static final boolean HAVE_ONEDNN =
                NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            return HAVE_ONEDNN && org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
