package dev.ninbench.dl4j;

/** How the NiN is built on ND4J: chosen with {@code -Dninbench.dl4j.net}, so that both can be measured. */
public enum Dl4jNet {
    /** libnd4j's conv2d/maxpool2d/avgpool2d ops and their _bp ops on preallocated arrays ({@link Dl4jOpsModel}). */
    OPS("libnd4j ops (conv2d, maxpool2d, avgpool2d and their _bp ops) on preallocated arrays"),
    /** DL4J's {@code MultiLayerNetwork} ({@link Dl4jLayersModel}). */
    LAYERS("DL4J MultiLayerNetwork");

    /** The system property that names the net: {@code ops} (default) or {@code layers}. */
    static final String PROPERTY = "ninbench.dl4j.net";

    /** What records say the model is. */
    final String description;

    Dl4jNet(String description) {
        this.description = description;
    }

    /** The net {@code -Dninbench.dl4j.net} names, {@link #OPS} when unset; one line naming the choices otherwise. */
    static Dl4jNet fromProperty() {
        String value = System.getProperty(PROPERTY, "ops");
        for (Dl4jNet net : values()) {
            if (net.name().equalsIgnoreCase(value)) {
                return net;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + ": expected ops or layers");
    }
}
