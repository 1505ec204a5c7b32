package dev.ninbench.bench.cli;

import dev.ninbench.core.data.FashionMnist;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where Fashion-MNIST is: the option every command that reads it shares. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "Fashion-MNIST directory (default: $"
            + FashionMnist.ENV_VAR + ", then /usr/share/datasets/fashion-mnist, then ~/.cache/nin-bench/fashion-mnist).")
    Path data;

    /** The verified train and test splits from {@code --data}, else from the usual search. */
    FashionMnist.Splits load() {
        return FashionMnist.load(data);
    }
}
