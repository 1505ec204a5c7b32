package dev.ninbench.dl4j;

/** Everything {@link Dl4jBackendTest} checks, on the idiomatic variant: DL4J's MultiLayerNetwork. */
class Dl4jIdiomaticBackendTest extends Dl4jBackendTest {
    @Override
    Dl4jNet net() {
        return Dl4jNet.LAYERS;
    }
}
