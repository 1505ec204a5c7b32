package org.nd4j.nativeblas;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

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
        /**
         * The CPU backend's {@code Environment.getInstance().isUseONEDNN()}, reached by reflection so that this module
         * also compiles and runs with ND4J's CUDA backend (the cuda profile), which has no such class; null there.
         */
        private static final MethodHandle USE_ONEDNN = useOnednn();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            if (!HAVE_ONEDNN || USE_ONEDNN == null) {
                return false;
            }
            try {
                return (boolean) USE_ONEDNN.invoke();
            } catch (Throwable e) { // a plain getter; should it ever fail, DL4J's own layers still work
                return false;
            }
        }

        private static MethodHandle useOnednn() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                return MethodHandles.publicLookup().findVirtual(env, "isUseONEDNN", MethodType.methodType(boolean.class))
                        .bindTo(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null; // not ND4J's CPU backend
            }
        }
    }
}
