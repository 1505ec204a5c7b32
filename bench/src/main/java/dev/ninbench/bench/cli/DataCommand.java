package dev.ninbench.bench.cli;

import dev.ninbench.core.data.FashionMnist;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nin-bench data}: where Fashion-MNIST is found and whether it verifies; optionally download it. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Find and verify Fashion-MNIST (magic, counts, labels, SHA-256), or download it. "
        + "(The loader's speed: nin-bench overhead --loader.)")
public final class DataCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--download", description = "Download the four files from the official mirror (needs internet) "
            + "into --data, else ~/.cache/nin-bench/fashion-mnist; "
            + "each is kept only if its SHA-256 matches.")
    boolean download;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() {
        if (download) {
            Path target = dataOptions.data != null ? dataOptions.data : FashionMnist.cacheDir();
            System.out.println("downloading Fashion-MNIST from " + FashionMnist.MIRROR + " into " + target);
            FashionMnist.download(target);
            dataOptions.data = target;
        }
        FashionMnist.Splits splits = dataOptions.load();
        System.out.printf("Fashion-MNIST in %s: %,d training and %,d test images, checksums verified%n",
                splits.directory(), splits.train().size(), splits.test().size());
        return 0;
    }
}
