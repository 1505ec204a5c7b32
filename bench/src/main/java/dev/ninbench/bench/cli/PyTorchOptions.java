package dev.ninbench.bench.cli;

import dev.ninbench.bench.pytorch.PyTorchReference;
import picocli.CommandLine.Option;

/** Options of the commands that add PyTorch itself (the d2l code) next to the engines: compare and throughput. */
public final class PyTorchOptions {
    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python with torch for PyTorch (the d2l code). Default: ${DEFAULT-VALUE}.")
    String python;

    @Option(names = "--no-pytorch", description = "Leave PyTorch out.")
    boolean noPytorch;

    PyTorchReference reference() {
        return new PyTorchReference(python);
    }

    /** Null when PyTorch is to run; otherwise why not, in one line. */
    String leftOut() {
        return noPytorch ? "left out (--no-pytorch)" : reference().unavailableReason();
    }
}
