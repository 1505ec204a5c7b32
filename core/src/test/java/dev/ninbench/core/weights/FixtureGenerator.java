package dev.ninbench.core.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.spec.NinSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the weights fixtures under {@code core/src/test/resources/fixtures/} (see the README.md there):
 * per spec a {@code spec.json}, the initial weights, a batch, and the PyTorch reference's
 * {@code expected.safetensors}. The d2l weights (8 MB) are written to a temp folder only; their SHA-256 is kept.
 *
 * <pre>
 * java -cp core/target/classes:core/target/test-classes:$(cat cp.txt) dev.ninbench.core.weights.FixtureGenerator \
 *     core/src/test/resources/fixtures [/usr/bin/python3 [bench/src/main/python/nin_reference.py]]
 * </pre>
 */
public final class FixtureGenerator {
    /** The seed of every fixture's initial weights. */
    public static final long WEIGHTS_SEED = 42;
    /** tiny/expected-masked.safetensors: one step with the shared dropout masks of seed 42, epoch 1, step 1. */
    public static final String SHARED_MASKS = "42:1:1";
    /** The seed of every fixture batch. */
    public static final long BATCH_SEED = 7;
    public static final double LR = 0.1;
    /**
     * d2l68's expected file keeps {@code after.<name>} only for tensors up to this size (biases, the first and
     * the last block: ~270 kB instead of 8 MB). The first block's weights after the step still depend on the
     * gradient through every layer.
     */
    public static final int D2L_MAX_AFTER_ELEMENTS = 40_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FixtureGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: FixtureGenerator <fixtures dir> [python [nin_reference.py]]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        String python = args.length > 1 ? args[1] : "/usr/bin/python3";
        Path script = Path.of(args.length > 2 ? args[2] : "bench/src/main/python/nin_reference.py");
        Path temp = Files.createTempDirectory("nin-fixtures");
        try {
            generate(root.resolve("tiny"), NinSpec.tiny(), 8, false, temp, python, script);
            run(python, script, root.resolve("tiny"), root.resolve("tiny/weights.safetensors"),
                    root.resolve("tiny/expected-masked.safetensors"), List.of("--shared-masks", SHARED_MASKS));
            generate(root.resolve("d2l68"), NinSpec.d2l(68), 4, true, temp, python, script);
        } finally {
            try (var files = Files.list(temp)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(temp);
        }
    }

    private static void generate(Path dir, NinSpec spec, int images, boolean weightsByHashOnly, Path temp,
                                 String python, Path script) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("spec.json"), specJson(spec) + "\n");
        Path weights = weightsByHashOnly ? temp.resolve(spec.name() + "-weights.safetensors")
                : dir.resolve("weights.safetensors");
        Safetensors.writeWeights(weights, XavierInit.init(spec, WEIGHTS_SEED), XavierInit.metadata(spec, WEIGHTS_SEED));
        if (weightsByHashOnly) {
            // sha256sum's format, so `sha256sum -c` works on a regenerated file named weights.safetensors
            Files.writeString(dir.resolve("weights.sha256"), sha256(Files.readAllBytes(weights)) + "  weights.safetensors\n");
        }
        Path batch = dir.resolve("batch.safetensors");
        Safetensors.write(batch, batchTensors(images, BATCH_SEED), Map.of("generator",
                "FixtureGenerator: SplittableRandom(" + BATCH_SEED + "), pixels k/255 then labels 0..9"));
        Path expected = dir.resolve("expected.safetensors");
        run(python, script, dir, weights, expected, weightsByHashOnly
                ? List.of("--max-after-elements", Integer.toString(D2L_MAX_AFTER_ELEMENTS)) : List.of());
        SafetensorsFile out = Safetensors.readFile(expected);
        float loss = out.tensor("loss").data()[0];
        for (float v : out.tensor("logits").data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException(expected + ": logits are not finite");
            }
        }
        if (!(loss > 1.5 && loss < 3.5)) {
            throw new IllegalStateException(expected + ": loss at init " + loss + " is far from ln(10) = 2.30");
        }
        System.out.printf("%s: %d images, loss at init %.6f, expected file %d bytes%n", dir, images, loss,
                Files.size(expected));
    }

    /** Runs nin_reference.py on a fixture folder's spec and batch. */
    private static void run(String python, Path script, Path dir, Path weights, Path expected, List<String> extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString(),
                "--spec", dir.resolve("spec.json").toString(), "--weights", weights.toString(),
                "--batch", dir.resolve("batch.safetensors").toString(), "--out", expected.toString(),
                "--lr", Double.toString(LR), "--threads", "2"));
        command.addAll(extra);
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(script + " failed for " + dir + " with exit status " + p.exitValue());
        }
    }

    /** The spec as the Python reference and the engines' workers read it (Jackson, pretty-printed). */
    public static String specJson(NinSpec spec) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
    }

    /**
     * A batch of {@code n} noise images that look like real pixels: one {@code SplittableRandom(seed)} draws
     * every pixel of every image in NCHW order as {@code nextInt(256) / 255f}, then the {@code n} labels as
     * {@code nextInt(10)}. Labels are stored as F32 (safetensors' common dtype, and the only one we read).
     */
    public static Map<String, Tensor> batchTensors(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[n * Batch.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(256) / 255f;
        }
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(10);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("images", new Tensor(new int[] {n, 1, 28, 28}, pixels));
        tensors.put("labels", new Tensor(new int[] {n}, labels));
        return tensors;
    }

    /** A fixture batch file as the {@link Batch} engines are fed. */
    public static Batch toBatch(Map<String, Tensor> tensors) {
        return dev.ninbench.core.data.BatchFiles.fromTensors(tensors, Path.of("fixture"));
    }

    /**
     * A fixture as a file on disk ({@code "tiny/spec.json"}), from the test classpath. Engine modules may see the
     * fixtures inside core's test-jar; then the fixture is copied to a temp file (deleted on exit).
     */
    public static Path fixture(String relative) {
        URL url = FixtureGenerator.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalStateException("fixture " + relative + " is not on the test classpath; see fixtures/README.md");
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("nin-fixture-", "-" + Path.of(relative).getFileName());
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read fixture " + relative + " from " + url, e);
        }
    }

    /** The spec a fixture folder was generated from. */
    public static NinSpec fixtureSpec(String folder) throws IOException {
        return JSON.readValue(Files.readString(fixture(folder + "/spec.json"), StandardCharsets.UTF_8), NinSpec.class);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The folders generated, for tests that go over all of them. */
    public static List<String> folders() {
        return List.of("tiny", "d2l68");
    }
}
