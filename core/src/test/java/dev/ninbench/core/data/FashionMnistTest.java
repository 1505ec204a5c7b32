package dev.ninbench.core.data;

import static dev.ninbench.core.data.IdxFixtures.LABELS;
import static dev.ninbench.core.data.IdxFixtures.SIDE;
import static dev.ninbench.core.data.IdxFixtures.assertFails;
import static dev.ninbench.core.data.IdxFixtures.assertPixels;
import static dev.ninbench.core.data.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FashionMnistTest {
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void loadsGoodFiles(String suffix) {
        FashionMnist.Split[] splits = IdxFixtures.writeDataset(dir, suffix);
        FashionMnist.Splits loaded = FashionMnist.load(dir, splits[0], splits[1]);
        assertEquals(dir, loaded.directory());
        assertEquals(5, loaded.train().size());
        assertPixels(loaded.train().pixels(), 5);
        assertArrayEquals(LABELS, loaded.train().labels());
        assertEquals(3, loaded.test().size());
        assertArrayEquals(new byte[] {9, 2, 1}, loaded.test().labels());
        assertEquals(SIDE, loaded.test().rows());
    }

    @Test
    void prefersGzWhenBothExist() {
        FashionMnist.Split[] splits = IdxFixtures.writeDataset(dir, ".gz");
        write(dir.resolve(TRAIN_LABELS), IdxFixtures.labels((byte) 1, (byte) 1, (byte) 1, (byte) 1, (byte) 1));
        assertArrayEquals(LABELS, FashionMnist.load(dir, splits[0], splits[1]).train().labels());
    }

    @Test
    void labelCountDiffersFromImageCount() {
        FashionMnist.Split[] splits = IdxFixtures.writeDataset(dir, ".gz");
        Path labels = write(dir.resolve(TRAIN_LABELS + ".gz"), IdxFixtures.labels((byte) 1, (byte) 2, (byte) 3));
        FashionMnist.Split unhashed = new FashionMnist.Split("train", 5, splits[0].images(),
                new FashionMnist.IdxFile(TRAIN_LABELS, null));
        assertFails(() -> FashionMnist.loadSplit(dir, unhashed), labels.toString(),
                "label count 3 differs from image count 5 in " + dir.resolve("train-images-idx3-ubyte.gz"));
    }

    @Test
    void imageCountDiffersFromExpected() {
        FashionMnist.Split[] splits = IdxFixtures.writeDataset(dir, "");
        FashionMnist.Split six = new FashionMnist.Split("test", 6, splits[1].images(), splits[1].labels());
        assertFails(() -> FashionMnist.loadSplit(dir, six), dir.resolve(TEST_IMAGES).toString(),
                "dimensions 3x28x28, expected 6x28x28");
    }

    @Test
    void checksumMismatch() {
        FashionMnist.Split[] splits = IdxFixtures.writeDataset(dir, ".gz");
        String wrong = "0".repeat(64);
        FashionMnist.Split test = new FashionMnist.Split("test", 3,
                new FashionMnist.IdxFile(TEST_IMAGES, wrong), splits[1].labels());
        String actual = IdxFixtures.sha256(IdxFixtures.images(3, SIDE, SIDE));
        assertFails(() -> FashionMnist.load(dir, splits[0], test), dir.resolve(TEST_IMAGES + ".gz").toString(),
                "is " + actual, "expected " + wrong);
    }

    @Test
    void realExpectationsRejectFixtures() {
        IdxFixtures.writeDataset(dir, ".gz");
        assertFails(() -> FashionMnist.load(dir), dir.resolve("train-images-idx3-ubyte.gz").toString(),
                "dimensions 5x28x28, expected 60000x28x28");
    }

    @Test
    void missingDirectory() {
        Path missing = dir.resolve("no-such-dir");
        assertFails(() -> FashionMnist.load(missing), missing.toString(), "does not exist", "given explicitly");
    }

    @Test
    void oneFileMissing() throws Exception {
        FashionMnist.Split[] splits = IdxFixtures.writeDataset(dir, ".gz");
        Files.delete(dir.resolve(TEST_IMAGES + ".gz"));
        assertFails(() -> FashionMnist.load(dir), dir.resolve(TEST_IMAGES) + "[.gz]: missing", "given explicitly");
        assertFails(() -> FashionMnist.load(dir, splits[0], splits[1]), dir.resolve(TEST_IMAGES) + "[.gz]: missing");
    }

    // ---- locating ----

    /** A directory holding all four files. */
    private Path complete(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        IdxFixtures.writeDataset(d, ".gz");
        return d;
    }

    @Test
    void locatingOrder() throws Exception {
        Path explicit = complete("explicit");
        Path env = complete("env");
        Path debian = complete("debian");
        Path cache = complete("cache");
        Map<String, String> vars = Map.of(FashionMnist.ENV_VAR, env.toString());
        List<Path> defaults = List.of(debian, cache);

        assertEquals(explicit, FashionMnist.locate(explicit, vars::get, defaults));
        assertEquals(env, FashionMnist.locate(null, vars::get, defaults));
        assertEquals(debian, FashionMnist.locate(null, name -> null, defaults));
        assertEquals(debian, FashionMnist.locate(null, name -> "  ", defaults), "a blank variable counts as unset");
        Files.delete(debian.resolve(TRAIN_LABELS + ".gz"));
        assertEquals(cache, FashionMnist.locate(null, name -> null, defaults), "incomplete default is skipped");
    }

    /** A directory that cannot be read says so; its files would otherwise look missing. */
    @Test
    void anUnreadableDirectoryIsReportedAsUnreadableNotAsMissing() throws Exception {
        Path locked = complete("locked");
        Path cache = complete("cache");
        java.util.function.Predicate<Path> unreadable = dir -> !dir.equals(locked);
        DatasetException e = assertThrows(DatasetException.class,
                () -> FashionMnist.locate(locked, name -> null, List.of(), unreadable));
        assertEquals(locked + ": cannot be read (permission denied), expected a readable directory holding the "
                + "Fashion-MNIST IDX files (from the data directory given explicitly)", e.getMessage());
        assertEquals(cache, FashionMnist.locate(null, name -> null, List.of(locked, cache), unreadable));
        DatasetException none = assertThrows(DatasetException.class,
                () -> FashionMnist.locate(null, name -> null, List.of(locked), unreadable));
        assertTrue(none.getMessage().contains(locked + " (cannot be read (permission denied))"), none.getMessage());
    }

    @Test
    void explicitOrEnvDirectoryLackingAFileIsAnErrorNotAFallback() throws Exception {
        Path explicit = complete("explicit");
        Path env = complete("env");
        Path debian = complete("debian");
        Files.delete(explicit.resolve(TRAIN_LABELS + ".gz"));
        Files.delete(env.resolve(TEST_IMAGES + ".gz"));
        Map<String, String> vars = Map.of(FashionMnist.ENV_VAR, env.toString());

        assertFails(() -> FashionMnist.locate(explicit, vars::get, List.of(debian)),
                explicit.resolve(TRAIN_LABELS) + "[.gz]: missing", "given explicitly");
        assertFails(() -> FashionMnist.locate(null, vars::get, List.of(debian)),
                env.resolve(TEST_IMAGES) + "[.gz]: missing", FashionMnist.ENV_VAR + "=" + env);
    }

    @Test
    void nothingFoundListsEveryPlaceAndTheFixes() throws Exception {
        Path absent = dir.resolve("absent");
        Path partial = Files.createDirectories(dir.resolve("partial"));
        DatasetException e = assertFails(() -> FashionMnist.locate(null, name -> null, List.of(absent, partial)),
                "no directory given explicitly", FashionMnist.ENV_VAR + " not set", absent + " (does not exist)",
                partial + " (lacks train-images-idx3-ubyte[.gz])", "dataset-fashion-mnist", "--data DIR",
                "download");
        assertTrue(e.getMessage().startsWith("Fashion-MNIST not found"), e.getMessage());
    }

    // ---- the real dataset, when the Debian package is installed ----

    @Test
    @Timeout(20)
    void loadsTheRealDataset() {
        Assumptions.assumeTrue(Files.isDirectory(FashionMnist.DEBIAN_DIR),
                FashionMnist.DEBIAN_DIR + " absent: install dataset-fashion-mnist to run this test");
        FashionMnist.Splits splits = FashionMnist.load(FashionMnist.DEBIAN_DIR); // verifies all four SHA-256
        assertEquals(60_000, splits.train().size());
        assertEquals(10_000, splits.test().size());
        assertEquals(60_000 * 28 * 28, splits.train().pixels().length);
        assertEquals(9, splits.train().labels()[0], "first training image is an ankle boot");
        assertEquals(9, splits.test().labels()[0], "first test image is an ankle boot");
    }
}
