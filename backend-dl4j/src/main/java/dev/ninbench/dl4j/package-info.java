/**
 * NiN on Deeplearning4j: the tuned path (libnd4j's ops driven stage by stage, {@link dev.ninbench.dl4j.Dl4jOpsModel})
 * and the idiomatic one (DL4J's layers API, {@link dev.ninbench.dl4j.Dl4jLayersModel}), each a
 * {@link dev.ninbench.core.engine.Backend} found through {@link java.util.ServiceLoader}; with what ND4J needs set
 * before it loads ({@link dev.ninbench.dl4j.Nd4jRuntime}).
 */
package dev.ninbench.dl4j;
