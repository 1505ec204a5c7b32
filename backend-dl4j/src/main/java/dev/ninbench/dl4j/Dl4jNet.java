package dev.ninbench.dl4j;

/** How the NiN is built on ND4J: each is a variant of the engine of its own name, so that both can be measured. */
public enum Dl4jNet {
    /** The tuned variant ({@code dl4j}): libnd4j's ops and their _bp ops on preallocated arrays ({@link Dl4jOpsModel}). */
    OPS("dl4j", "libnd4j ops (conv2d, maxpool2d, avgpool2d and their _bp ops) on preallocated arrays, "
            + "hand-written backward"),
    /** The idiomatic variant ({@code dl4j-idiomatic}): DL4J's {@code MultiLayerNetwork} ({@link Dl4jLayersModel}). */
    LAYERS("dl4j-idiomatic", "MultiLayerNetwork from NeuralNetConfiguration, fit()");

    /** The engine name of this variant ({@link dev.ninbench.core.engine.EngineName}). */
    final String engineName;
    /** What records say the model is (their {@code model} setting). */
    final String description;

    Dl4jNet(String engineName, String description) {
        this.engineName = engineName;
        this.description = description;
    }
}
