package dev.ninbench.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Small IDX files with known content, written by the tests themselves. */
final class IdxFixtures {
    static final int SIDE = 28;
    /** Labels of the fixture images; 9 first, as in the real training set. */
    static final byte[] LABELS = {9, 0, 3, 7, 1};

    private IdxFixtures() {
    }

    /** The known value of pixel {@code p} of image {@code image}. */
    static int pixel(int image, int p) {
        return (image * 37 + p * 7) & 0xff;
    }

    static byte[] pixels(int count, int rows, int cols) {
        byte[] pixels = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                pixels[i * rows * cols + p] = (byte) pixel(i, p);
            }
        }
        return pixels;
    }

    /** An IDX file's bytes: big-endian magic, dimensions, then the data as given. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.putInt(magic);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    static byte[] images(int count, int rows, int cols) {
        return idx(Idx.MAGIC_IMAGES, new int[] {count, rows, cols}, pixels(count, rows, cols));
    }

    static byte[] labels(byte... labels) {
        return idx(Idx.MAGIC_LABELS, new int[] {labels.length}, labels);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code content}, gzipped when the file name ends with .gz. */
    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, file.toString().endsWith(".gz") ? gzip(content) : content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the four Fashion-MNIST files under their real names ({@code suffix} "" or ".gz"): 5 training and
     * 3 test images. Returns the expectations that match them, {train, test}, checksums included.
     */
    static FashionMnist.Split[] writeDataset(Path dir, String suffix) {
        return new FashionMnist.Split[] {
            writeSplit(dir, FashionMnist.TRAIN, LABELS, suffix),
            writeSplit(dir, FashionMnist.TEST, new byte[] {9, 2, 1}, suffix)};
    }

    private static FashionMnist.Split writeSplit(Path dir, FashionMnist.Split real, byte[] labels, String suffix) {
        byte[] images = images(labels.length, SIDE, SIDE);
        byte[] labelFile = labels(labels);
        write(dir.resolve(real.images().name() + suffix), images);
        write(dir.resolve(real.labels().name() + suffix), labelFile);
        return new FashionMnist.Split(real.name(), labels.length,
                new FashionMnist.IdxFile(real.images().name(), sha256(images)),
                new FashionMnist.IdxFile(real.labels().name(), sha256(labelFile)));
    }

    /** Runs {@code action}, expects a one-line DatasetException mentioning every fragment, and returns it. */
    static DatasetException assertFails(Executable action, String... fragments) {
        DatasetException e = assertThrows(DatasetException.class, action);
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "not one line: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "message lacks '" + fragment + "': " + message);
        }
        return e;
    }

    static void assertPixels(byte[] pixels, int count) {
        assertEquals(count * SIDE * SIDE, pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            assertEquals(pixel(i / (SIDE * SIDE), i % (SIDE * SIDE)), pixels[i] & 0xff, "pixel " + i);
        }
    }
}
