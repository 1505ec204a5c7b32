package dev.ninbench.dl4j;

/** Everything {@link Dl4jBackendTest} checks, on DL4J's MultiLayerNetwork ({@code -Dninbench.dl4j.net=layers}). */
class Dl4jLayersBackendTest extends Dl4jBackendTest {
    @Override
    Dl4jNet net() {
        return Dl4jNet.LAYERS;
    }
}
