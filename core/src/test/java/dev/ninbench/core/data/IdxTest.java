package dev.ninbench.core.data;

import static dev.ninbench.core.data.IdxFixtures.LABELS;
import static dev.ninbench.core.data.IdxFixtures.SIDE;
import static dev.ninbench.core.data.IdxFixtures.assertFails;
import static dev.ninbench.core.data.IdxFixtures.assertPixels;
import static dev.ninbench.core.data.IdxFixtures.images;
import static dev.ninbench.core.data.IdxFixtures.labels;
import static dev.ninbench.core.data.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"", ".gz"})
    void readsImagesAndLabels(String suffix) {
        byte[] imageFile = images(5, SIDE, SIDE);
        Idx.Content images = Idx.readImages(write(dir.resolve("img" + suffix), imageFile), 5, SIDE, SIDE);
        assertArrayEquals(new int[] {5, SIDE, SIDE}, images.dims());
        assertPixels(images.data(), 5);
        assertEquals(IdxFixtures.sha256(imageFile), images.sha256(), "hash of the decompressed content");

        Idx.Content labels = Idx.readLabels(write(dir.resolve("lbl" + suffix), labels(LABELS)), Idx.ANY, 10);
        assertArrayEquals(LABELS, labels.data());
        assertEquals(5, labels.count());
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws Exception {
        Path file = Files.write(dir.resolve("img"), IdxFixtures.gzip(images(2, SIDE, SIDE)));
        assertPixels(Idx.readImages(file, 2, SIDE, SIDE).data(), 2);
    }

    @Test
    void wrongMagic() {
        Path file = write(dir.resolve("t10k-images-idx3-ubyte"), labels(LABELS));
        assertFails(() -> Idx.readImages(file, Idx.ANY, SIDE, SIDE), file.toString(),
                "magic 0x00000801, expected 0x00000803 (IDX images)");
    }

    @Test
    void truncatedData() throws Exception {
        Path file = dir.resolve("img");
        byte[] full = images(5, SIDE, SIDE);
        Files.write(file, Arrays.copyOf(full, full.length - 100));
        assertFails(() -> Idx.readImages(file, 5, SIDE, SIDE), file.toString(), "truncated",
                "expected " + full.length + " bytes", "found " + (full.length - 100));
    }

    @Test
    void truncatedHeader() throws Exception {
        Path file = dir.resolve("img");
        Files.write(file, Arrays.copyOf(images(5, SIDE, SIDE), 10));
        assertFails(() -> Idx.readImages(file, 5, SIDE, SIDE), file.toString(), "truncated header",
                "expected 16 bytes, found 10");
        Files.write(file, new byte[] {0, 0});
        assertFails(() -> Idx.readImages(file, 5, SIDE, SIDE), file.toString(), "found 2");
    }

    @Test
    void headerDeclaringHugeCountIsTruncationNotOutOfMemory() throws Exception {
        Path file = dir.resolve("lbl");
        Files.write(file, IdxFixtures.idx(Idx.MAGIC_LABELS, new int[] {2_000_000_000}, new byte[] {1, 2, 3}));
        assertFails(() -> Idx.readLabels(file, Idx.ANY, 10), file.toString(), "truncated",
                "expected 2000000008 bytes", "found 11");
    }

    @Test
    void trailingBytes() throws Exception {
        Path file = dir.resolve("lbl.gz");
        byte[] good = labels(LABELS);
        write(file, Arrays.copyOf(good, good.length + 3));
        assertFails(() -> Idx.readLabels(file, 5, 10), file.toString(), "trailing bytes",
                "expected " + good.length + " bytes", "found " + (good.length + 3));
    }

    @Test
    void wrongDimensions() {
        Path file = write(dir.resolve("img.gz"), images(5, 27, SIDE));
        assertFails(() -> Idx.readImages(file, 5, SIDE, SIDE), file.toString(),
                "dimensions 5x27x28, expected 5x28x28");
        Path counted = write(dir.resolve("img2"), images(5, SIDE, SIDE));
        assertFails(() -> Idx.readImages(counted, 6, SIDE, SIDE), "dimensions 5x28x28, expected 6x28x28");
    }

    @Test
    void labelOutOfRange() {
        Path file = write(dir.resolve("lbl"), labels((byte) 3, (byte) 10, (byte) 1));
        assertFails(() -> Idx.readLabels(file, 3, 10), file.toString(), "label 10 at index 1, expected 0..9");
        Path high = write(dir.resolve("lbl2"), labels((byte) 0xff));
        assertFails(() -> Idx.readLabels(high, 1, 10), "label 255 at index 0");
    }

    @Test
    void namedGzButNotGzip() throws Exception {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        Files.writeString(file, "<html>404 Not Found</html>");
        assertFails(() -> Idx.readImages(file, 5, SIDE, SIDE), file.toString(), "expected 0x00000803",
                "named .gz but is not gzip");
    }

    @Test
    void corruptGzipStream() throws Exception {
        byte[] gz = IdxFixtures.gzip(images(5, SIDE, SIDE));
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        assertFails(() -> Idx.readImages(cut, 5, SIDE, SIDE), cut.toString(), "corrupt gzip stream");

        Path garbled = dir.resolve("garbled.gz");
        for (int i = 12; i < gz.length - 8; i++) {
            gz[i] ^= 0x5a;
        }
        Files.write(garbled, gz);
        assertFails(() -> Idx.readImages(garbled, 5, SIDE, SIDE), garbled.toString(), "corrupt gzip stream");
        assertFails(() -> Idx.sha256(garbled), garbled.toString(), "corrupt gzip stream");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nothing-here");
        assertFails(() -> Idx.readLabels(file, 5, 10), file.toString(), "does not exist");
    }
}
