package dev.ninbench.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader of the IDX format (big-endian header: magic {@code 0x000008NN} for unsigned bytes in NN dimensions, one
 * 32-bit size per dimension, then the data). Files may be gzip-compressed or not; gzip is recognised by its magic
 * bytes, never by the file name. Everything that does not match is a {@link DatasetException}.
 */
public final class Idx {
    public static final int MAGIC_IMAGES = 0x00000803;
    public static final int MAGIC_LABELS = 0x00000801;
    /** In an expected dimension: any size is accepted. */
    public static final int ANY = -1;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int BUFFER = 1 << 16;
    /** Large enough for Fashion-MNIST's 47 MB of training images in one allocation. */
    private static final int FIRST_CHUNK = 64 << 20;

    private Idx() {
    }

    /**
     * An IDX file as read: its dimensions, its data (after the header) and the SHA-256 of its whole decompressed
     * content (header included), so that the hash does not depend on how the file was compressed.
     */
    public record Content(Path file, int[] dims, byte[] data, String sha256) {
        public int count() {
            return dims[0];
        }
    }

    /** Images: {@code count x rows x cols} unsigned bytes ({@code count} may be {@link #ANY}). */
    public static Content readImages(Path file, int count, int rows, int cols) {
        return read(file, MAGIC_IMAGES, count, rows, cols);
    }

    /** Labels: {@code count} unsigned bytes, each in {@code 0..classes-1} ({@code count} may be {@link #ANY}). */
    public static Content readLabels(Path file, int count, int classes) {
        Content content = read(file, MAGIC_LABELS, count);
        byte[] labels = content.data();
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xff;
            if (label >= classes) {
                throw new DatasetException(name(file) + ": label " + label + " at index " + i
                        + ", expected 0.." + (classes - 1));
            }
        }
        return content;
    }

    /**
     * Reads a whole IDX file of unsigned bytes and checks it: the magic number (which also fixes the number of
     * dimensions), each dimension against {@code expectedDims} ({@link #ANY} accepts any size), and that the data
     * is exactly as long as the header says, neither truncated nor followed by extra bytes.
     */
    public static Content read(Path file, int magic, int... expectedDims) {
        if (magic >>> 8 != 0x08 || (magic & 0xff) != expectedDims.length) {
            throw new IllegalArgumentException(String.format("magic 0x%08x does not match %d expected dimensions",
                    magic, expectedDims.length));
        }
        boolean gzip = isGzip(file);
        try (InputStream decompressed = open(file, gzip)) {
            MessageDigest sha = sha256Digest();
            InputStream in = new DigestInputStream(decompressed, sha);
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                throw new DatasetException(name(file) + ": truncated, expected at least 4 bytes (IDX magic number),"
                        + " found " + header.length);
            }
            int found = bigEndianInt(header, 0);
            if (found != magic) {
                boolean misnamed = !gzip && file.toString().endsWith(".gz");
                String hint = misnamed ? " (the file is named .gz but is not gzip)" : "";
                throw new DatasetException(String.format("%s: magic 0x%08x, expected 0x%08x (%s)%s",
                        name(file), found, magic, describe(magic), hint));
            }
            int headerBytes = 4 + 4 * expectedDims.length;
            header = in.readNBytes(headerBytes - 4);
            if (header.length < headerBytes - 4) {
                throw new DatasetException(name(file) + ": truncated header, expected " + headerBytes
                        + " bytes, found " + (4 + header.length));
            }
            int[] dims = new int[expectedDims.length];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = bigEndianInt(header, 4 * d);
            }
            checkDims(file, magic, dims, expectedDims);
            long dataBytes = Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b);
            if (dataBytes > Integer.MAX_VALUE - 8) {
                throw new DatasetException(name(file) + ": dimensions " + shape(dims) + " hold " + dataBytes
                        + " bytes, more than one array can (at most " + (Integer.MAX_VALUE - 8) + ")");
            }
            byte[] data = readData(in, (int) dataBytes);
            int got = data.length;
            long expectedTotal = headerBytes + dataBytes;
            if (got < dataBytes) {
                throw lengthError(file, "truncated", expectedTotal, headerBytes + got, headerBytes, dims);
            }
            if (in.read() != -1) {
                long extra = 1 + in.transferTo(OutputStream.nullOutputStream());
                throw lengthError(file, "trailing bytes", expectedTotal, expectedTotal + extra, headerBytes, dims);
            }
            return new Content(file, dims, data, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException e) {
            throw readError(file, gzip, e);
        }
    }

    /**
     * Reads up to {@code declared} bytes in bulk reads straight into the result (47 MB must not go byte by byte).
     * The array grows as data arrives rather than being sized from the header alone, so a damaged header that
     * declares gigabytes fails as "truncated" instead of exhausting memory. Returns fewer bytes when the file ends.
     */
    private static byte[] readData(InputStream in, int declared) throws IOException {
        byte[] data = new byte[Math.min(declared, FIRST_CHUNK)];
        int got = 0;
        while (true) {
            got += in.readNBytes(data, got, data.length - got);
            if (got < data.length) {
                return Arrays.copyOf(data, got);
            }
            if (got == declared) {
                return data;
            }
            data = Arrays.copyOf(data, (int) Math.min(declared, 2L * data.length));
        }
    }

    /** SHA-256 (lower-case hex) of a file's decompressed content; the file need not be valid IDX. */
    public static String sha256(Path file) {
        boolean gzip = isGzip(file);
        try (InputStream in = open(file, gzip)) {
            MessageDigest sha = sha256Digest();
            new DigestInputStream(in, sha).transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw readError(file, gzip, e);
        }
    }

    /** Whether the file starts with the gzip magic bytes (its name does not count: files get renamed). */
    private static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_0 && in.read() == GZIP_MAGIC_1;
        } catch (IOException e) {
            throw readError(file, false, e);
        }
    }

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        if (!gzip) {
            return raw;
        }
        try {
            return new GZIPInputStream(raw, BUFFER); // reads the gzip header, which may be damaged
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static void checkDims(Path file, int magic, int[] dims, int[] expected) {
        boolean ok = true;
        for (int d = 0; d < dims.length; d++) {
            ok &= dims[d] >= 0 && (expected[d] == ANY || dims[d] == expected[d]);
        }
        if (!ok) {
            throw new DatasetException(name(file) + ": dimensions " + shape(dims) + ", expected " + shape(expected)
                    + " (" + describe(magic) + ")");
        }
    }

    private static DatasetException lengthError(Path file, String what, long expected, long found, int headerBytes,
            int[] dims) {
        return new DatasetException(name(file) + ": " + what + ", expected " + expected + " bytes (" + headerBytes
                + "-byte header + " + shape(dims) + " data), found " + found);
    }

    private static DatasetException readError(Path file, boolean gzip, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DatasetException(name(file) + ": file does not exist", e);
        }
        // the gzip layer reports a damaged or cut-off stream as ZipException or EOFException
        if (gzip && (e instanceof ZipException || e instanceof EOFException)) {
            String reason = e.getMessage() != null ? e.getMessage() : "stream ends too early";
            return new DatasetException(name(file) + ": corrupt gzip stream (" + reason + ")", e);
        }
        return new DatasetException(name(file) + ": cannot read (" + e + ")", e);
    }

    private static String describe(int magic) {
        return switch (magic) {
            case MAGIC_IMAGES -> "IDX images";
            case MAGIC_LABELS -> "IDX labels";
            default -> "IDX unsigned bytes in " + (magic & 0xff) + " dimensions";
        };
    }

    private static String shape(int[] dims) {
        return Arrays.stream(dims).mapToObj(d -> d == ANY ? "*" : Integer.toUnsignedString(d))
                .collect(Collectors.joining("x"));
    }

    private static int bigEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String name(Path file) {
        return file.toAbsolutePath().toString();
    }
}
