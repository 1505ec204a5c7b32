package dev.ninbench.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ninbench.core.spec.NinSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEveryBitOrderAndMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        // raw bits: -0, a NaN payload, infinities, a subnormal, extremes
        float[] special = {-0f, Float.intBitsToFloat(0x7fc12345), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MAX_VALUE, 1f / 3, -2.5e-20f};
        tensors.put("z.special", new Tensor(new int[] {2, 4}, special));
        tensors.put("a.scalar", new Tensor(new int[] {}, new float[] {7f}));
        tensors.put("m.empty", new Tensor(new int[] {0, 3}, new float[0]));
        tensors.put("b.ramp", new Tensor(new int[] {3, 1, 5}, ramp(15)));
        Map<String, String> metadata = new LinkedHashMap<>(Map.of("format", "pt"));
        metadata.put("note", "ünïcode \"quoted\"");
        Path file = dir.resolve("round.safetensors");
        Safetensors.write(file, tensors, metadata);

        SafetensorsFile read = Safetensors.readFile(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()), "written order = data order");
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor back = read.tensor(e.getKey());
            assertArrayEquals(e.getValue().shape(), back.shape());
            assertArrayEquals(bits(e.getValue().data()), bits(back.data()), e.getKey());
        }
        assertEquals(metadata, read.metadata());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temp file may be left behind");
        }
    }

    @Test
    void headerIsAlignedSpacePaddedJsonWithContiguousOffsets() throws IOException {
        NinWeights w = XavierInit.init(NinSpec.tiny(), 3);
        byte[] bytes = Safetensors.encode(w.tensors(), Map.of("k", "v"));
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header length must keep the data 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{"));
        String padding = header.substring(header.stripTrailing().length());
        assertTrue(padding.length() < 8 && padding.chars().allMatch(c -> c == ' '), "pads with < 8 spaces: '" + padding + "'");
        JsonNode json = new ObjectMapper().readTree(header);
        assertEquals("v", json.get("__metadata__").get("k").asText());
        long offset = 0;
        for (Map.Entry<String, Tensor> e : w.tensors().entrySet()) {
            JsonNode t = json.get(e.getKey());
            assertEquals("F32", t.get("dtype").asText());
            int[] shape = new int[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asInt();
            }
            assertArrayEquals(e.getValue().shape(), shape, e.getKey());
            assertEquals(offset, t.get("data_offsets").get(0).asLong(), e.getKey());
            offset += 4L * e.getValue().size();
            assertEquals(offset, t.get("data_offsets").get(1).asLong(), e.getKey());
        }
        assertEquals(8 + n + offset, bytes.length);
        float first = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(w.get("0.0.weight").data()[0], first, "little-endian data right after the header");
    }

    @Test
    void readsAHandBuiltFileWithOtherKeyOrderAndNoPadding() throws IOException {
        // JSON keys not in data order, metadata last, odd header length (no padding), as other writers may do
        String header = "{\"b\":{\"data_offsets\":[8,20],\"shape\":[3],\"dtype\":\"F32\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]},\"__metadata__\":{\"x\":\"y\"}}";
        assertTrue(header.length() % 8 != 0);
        Path file = write("hand.safetensors", raw(header, floats(1.5f, -2f, 3f, 4f, 5f)));
        SafetensorsFile read = Safetensors.readFile(file);
        assertEquals(List.of("a", "b"), List.copyOf(read.tensors().keySet()), "data-offset order");
        assertArrayEquals(new float[] {1.5f, -2f}, read.tensor("a").data());
        assertArrayEquals(new int[] {1, 2}, read.tensor("a").shape());
        assertArrayEquals(new float[] {3f, 4f, 5f}, read.tensor("b").data());
        assertEquals(Map.of("x", "y"), read.metadata());
        assertEquals(Map.of(), Safetensors.readFile(write("empty.safetensors", raw("{}", new byte[0]))).tensors());
    }

    /** Each row: a case name, the header (or a marker for raw bytes), data floats, a fragment the message must hold. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        short      | RAW:5                                                                     | 0 | shorter than the 8-byte header length
        beyond     | RAW:LEN1000                                                               | 0 | header length 1000 is beyond the file size
        huge       | RAW:LEN-1                                                                 | 0 | header length 18446744073709551615 is beyond
        notbrace   | [1,2]                                                                     | 0 | does not start with '{'
        blank      | ' {}'                                                                     | 0 | does not start with '{'
        badjson    | '{"a": {"dtype": '                                                        | 0 | bad JSON in the safetensors header
        trailing   | '{} x'                                                                    | 0 | bad JSON
        duplicate  | '{"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}' | 1 | bad JSON
        notobject  | '{"a": 3}'                                                                | 0 | tensor 'a' must be an object with
        f16        | '{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}'                  | 1 | tensor 'w' has dtype F16; only F32
        negshape   | '{"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}'                 | 2 | expected non-negative integer dimensions
        badoffsets | '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0]}}'                    | 2 | expected [begin, end]
        reversed   | '{"w":{"dtype":"F32","shape":[0],"data_offsets":[8,4]}}'                  | 2 | end is before its begin
        sizediff   | '{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}'                  | 2 | F32 shape [3] needs 12 bytes
        outofrange | '{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}'                 | 2 | beyond the data section of 8 bytes
        overlap    | '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}' | 3 | overlap tensor 'a'
        gap        | '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}' | 3 | leaving a gap after byte 4
        extradata  | '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'                  | 2 | the data section is 8 bytes but its tensors cover 4
        metanumber | '{"__metadata__":{"k":1}}'                                                | 0 | value of 'k' must be a string
        """)
    void badFilesFailWithOneLineNamingTheFile(String name, String header, int floats, String fragment) throws IOException {
        byte[] bytes;
        if (header.startsWith("RAW:LEN")) {
            bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.parseLong(header.substring(7)))
                    .put("{}      ".getBytes(StandardCharsets.US_ASCII)).array();
        } else if (header.startsWith("RAW:")) {
            bytes = new byte[Integer.parseInt(header.substring(4))];
        } else {
            bytes = raw(header, floats(new float[floats]));
        }
        Path file = write("bad-" + name + ".safetensors", bytes);
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Safetensors.read(file));
        assertOneLineNaming(file, fragment, e);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        missing | lack tensor '5.4.bias'
        extra   | does not have: [5.6.weight]
        shape   | tensor '0.0.weight' has shape [8, 1, 5, 4], expected [8, 1, 5, 5]
        nan     | tensor '2.2.weight' holds NaN at element 3, expected finite values
        """)
    void weightsThatDoNotFitTheSpecFailNamingFileAndTensor(String kind, String fragment) throws IOException {
        NinSpec tiny = NinSpec.tiny();
        Map<String, Tensor> tensors = new LinkedHashMap<>(XavierInit.init(tiny, 1).tensors());
        switch (kind) {
            case "missing" -> tensors.remove("5.4.bias");
            case "extra" -> tensors.put("5.6.weight", new Tensor(new int[] {1}, new float[1]));
            case "shape" -> tensors.put("0.0.weight", new Tensor(new int[] {8, 1, 5, 4}, new float[160]));
            default -> {
                float[] d = tensors.get("2.2.weight").data().clone();
                d[3] = Float.NaN;
                tensors.put("2.2.weight", new Tensor(tensors.get("2.2.weight").shape(), d));
            }
        }
        Path file = dir.resolve("weights-" + kind + ".safetensors");
        Safetensors.write(file, tensors, Map.of());
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Safetensors.readWeights(file, tiny));
        assertOneLineNaming(file, fragment, e);
        assertEquals(file, e.file());
    }

    @Test
    void aMissingFileIsAnIoExceptionAndAFailedWriteKeepsTheOldFile() throws IOException {
        assertThrows(NoSuchFileException.class, () -> Safetensors.read(dir.resolve("absent.safetensors")));
        Path file = dir.resolve("keep.safetensors");
        Map<String, Tensor> good = Map.of("t", new Tensor(new int[] {2}, new float[] {1, 2}));
        Safetensors.write(file, good, Map.of());
        byte[] before = Files.readAllBytes(file);
        Map<String, Tensor> bad = Map.of("__metadata__", new Tensor(new int[] {1}, new float[1]));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file, bad, Map.of()));
        assertArrayEquals(before, Files.readAllBytes(file));
        Safetensors.write(file, Map.of("u", new Tensor(new int[] {1}, new float[] {9})), null);
        assertEquals(List.of("u"), List.copyOf(Safetensors.read(file).keySet()), "replaces an existing file");
    }

    static void assertOneLineNaming(Path file, String fragment, Exception e) {
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), "must name the file first: " + message);
        assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
        assertFalse(message.contains("\n") || message.contains("\r"), "must be one line: " + message);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** A file as another writer could lay it out: exact header length, no padding. */
    static byte[] raw(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.25f - 1;
        }
        return v;
    }

    private static int[] bits(float[] values) {
        List<Integer> out = new ArrayList<>();
        for (float v : values) {
            out.add(Float.floatToRawIntBits(v));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
