package dev.ninbench.core.engine;

import java.util.Comparator;
import java.util.List;

/**
 * The keys of {@link BackendInfo#settings()} every engine (and PyTorch's row) fills the same way, so that a column
 * of them compares engines. Engine-specific keys follow them, sorted by name.
 */
public final class SettingKeys {
    /** Threads one op (a convolution, a matrix product) runs on. */
    public static final String THREADS_INTRAOP = "threads.intraop";
    /** Ops that may run at the same time: 1 where the engine runs a step's ops one after the other. */
    public static final String THREADS_INTEROP = "threads.interop";
    /** Whether convolutions run on oneDNN: true or false. */
    public static final String ONEDNN = "onednn";
    /** Which native build of the engine runs: cpu, gpu, or the engine's name for its CPU variant. */
    public static final String NATIVE_BUILD = "native.build";
    /** The activations' layout in the convolutions: nchw or nhwc. */
    public static final String MEMORY_FORMAT = "memory.format";

    /** How the net is written on the engine, in a few words: what tells its variants apart in tables. */
    public static final String MODEL = "model";

    /** The shared keys, in the order records and tables show them. */
    public static final List<String> SHARED = List.of(MODEL, THREADS_INTRAOP, THREADS_INTEROP, ONEDNN, NATIVE_BUILD,
            MEMORY_FORMAT);

    /** Shared keys first, in {@link #SHARED} order, then every other key by name. */
    public static final Comparator<String> ORDER = Comparator.<String>comparingInt(k -> SHARED.contains(k)
            ? SHARED.indexOf(k) : SHARED.size()).thenComparing(Comparator.naturalOrder());

    private SettingKeys() {
    }
}
