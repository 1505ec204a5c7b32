package dev.ninbench.core.weights;

import dev.ninbench.core.data.BatchFiles;
import dev.ninbench.core.data.Epochs;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.spec.NinSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code d2l96-trained} fixture (see fixtures/README.md): the d2l net at 96 px with weights trained by the
 * d2l PyTorch code, the first {@link #IMAGES} Fashion-MNIST test images, and PyTorch's logits and masked SGD step on
 * them. Real images and trained weights give logits of several units and real gradients, so a layout bug in an
 * engine shows far above the tolerance, where random images on the untrained init hid some of them.
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes:$(cat cp.txt) dev.ninbench.core.weights.TrainedFixtureGenerator \
 *     core/src/test/resources/fixtures TRAINED.safetensors "how TRAINED was made" [python [nin_reference.py]]
 * </pre>
 */
public final class TrainedFixtureGenerator {
    public static final String FOLDER = "d2l96-trained";
    public static final int IMAGES = 64;
    /** The step's shared dropout masks: seed, epoch, step. */
    public static final String SHARED_MASKS = "1:1:1";

    private TrainedFixtureGenerator() {
    }

    private static String torchVersion(String python) throws Exception {
        Process p = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)").start();
        String version = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || version.isEmpty()) {
            throw new IllegalStateException(python + " cannot import torch");
        }
        return version;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 5) {
            System.err.println("usage: TrainedFixtureGenerator <fixtures dir> <trained.safetensors> <how it was made> "
                    + "[python [nin_reference.py]]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]).resolve(FOLDER));
        String python = args.length > 3 ? args[3] : "/usr/bin/python3";
        Path script = Path.of(args.length > 4 ? args[4] : "bench/src/main/python/nin_reference.py");
        NinSpec spec = NinSpec.d2l(96);
        Files.writeString(dir.resolve("spec.json"), FixtureGenerator.specJson(spec) + "\n");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("generator", args[2]);
        metadata.put("torch", torchVersion(python)); // the one that trained them: run this where they were made
        Safetensors.writeWeights(dir.resolve("weights.safetensors"), Safetensors.readWeights(Path.of(args[1]), spec),
                metadata);
        BatchFiles.write(dir.resolve("batch.safetensors"),
                Epochs.inOrder(FashionMnist.load(null).test().first(IMAGES), IMAGES).next());
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--spec",
                dir.resolve("spec.json").toString(), "--weights", dir.resolve("weights.safetensors").toString(),
                "--batch", dir.resolve("batch.safetensors").toString(), "--out",
                dir.resolve("expected.safetensors").toString(), "--lr", Double.toString(FixtureGenerator.LR),
                "--threads", "2", "--shared-masks", SHARED_MASKS, "--max-after-elements",
                Integer.toString(FixtureGenerator.D2L_MAX_AFTER_ELEMENTS)));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(script + " failed with exit status " + p.exitValue());
        }
    }
}
