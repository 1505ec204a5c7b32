package dev.ninbench.dl4j;

/**
 * The idiomatic variant, {@code dl4j-idiomatic}: the NiN as DL4J's documentation writes a network, a
 * {@code MultiLayerNetwork} from {@code NeuralNetConfiguration} trained by {@code fit} ({@link Dl4jLayersModel}).
 */
public final class Dl4jIdiomaticBackend extends Dl4jBackend {
    public Dl4jIdiomaticBackend() {
        super(Dl4jNet.LAYERS);
    }
}
