package dev.ninbench.core.engine;

/**
 * An engine's name on the command line, in records and in file names: {@code <engine>} for its tuned path (the
 * fastest the suite found), {@code <engine>-<variant>} for another way of writing the same net on it, e.g.
 * {@code djl-idiomatic} (the engine's own high-level API, as its docs teach it). A dash, not a colon, because the
 * name is part of file names in run directories, which must check out on every system.
 *
 * @param engine  the engine ({@code djl}): its module and its engine folder
 * @param variant {@link #TUNED} or the part after the dash
 */
public record EngineName(String engine, String variant) {
    /** The variant a plain engine name is. */
    public static final String TUNED = "tuned";
    /** The engine's high-level API, as its documentation and books teach it. */
    public static final String IDIOMATIC = "idiomatic";
    /**
     * The reference row: PyTorch running the d2l code in a Python process of its own, beside the Java engines (its
     * variants, such as {@code pytorch-channels-last}, are other memory formats of the same code).
     */
    public static final String PYTORCH = "pytorch";

    /** Whether {@code name} is PyTorch's row or one of its variants. */
    public static boolean isPyTorch(String name) {
        return parse(name).engine().equals(PYTORCH);
    }

    /** {@code djl} is djl's tuned variant; {@code djl-idiomatic} its idiomatic one. */
    public static EngineName parse(String name) {
        int dash = name.indexOf('-');
        return dash < 0 ? new EngineName(name, TUNED) : new EngineName(name.substring(0, dash), name.substring(dash + 1));
    }

    /** The name as written: the engine alone for the tuned variant. */
    @Override
    public String toString() {
        return TUNED.equals(variant) ? engine : engine + "-" + variant;
    }
}
