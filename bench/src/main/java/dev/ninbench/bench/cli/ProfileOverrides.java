package dev.ninbench.bench.cli;

import picocli.CommandLine.Option;

/**
 * The profile values that {@code train} and {@code throughput} both let a flag override, declared once. (Their other
 * overrides differ in kind: train takes one batch size, throughput a list and its rounds.)
 */
public final class ProfileOverrides {
    @Option(names = "--input-side", description = "Override the profile's input side (the d2l net needs >= 67).")
    Integer inputSide;

    /** The input side given, else the profile's. */
    int inputSide(int profileValue) {
        return inputSide != null ? inputSide : profileValue;
    }

    /** Whether any was given (a resume takes none). */
    boolean any() {
        return inputSide != null;
    }
}
