package dev.ninbench.core.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ninbench.core.spec.NinSpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, F32 only:
 * an 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * {@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ..., "__metadata__": {...}}}
 * with offsets relative to the data section, then the raw little-endian data.
 *
 * <p>Writing lays the tensors out contiguously in the given order and pads the header with spaces to a multiple
 * of 8 bytes, as the reference implementation does, and replaces the target atomically (temp file + move).
 * Reading checks the whole file before it returns anything, with the reference implementation's rules (header
 * starts with '{', data contiguous and fully covered, byte counts match the shapes); every problem is a
 * {@link WeightsFormatException} whose one-line message names the file. I/O failures stay {@link IOException}s.
 */
public final class Safetensors {
    private static final String METADATA = "__metadata__";
    private static final String F32 = "F32";
    /** Java arrays and ByteBuffers are int-indexed; weights and batches are far below this. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;
    private static final long SATURATED = Long.MAX_VALUE / 8;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a repeated name would silently drop a tensor
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Safetensors() {
    }

    /** One header entry, before any data is read. */
    private record Entry(String name, int[] shape, long begin, long end) {
    }

    /** All tensors of {@code file} (F32 only), in data-offset order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        return readFile(file).tensors();
    }

    /** Tensors and metadata of {@code file}. */
    public static SafetensorsFile readFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new WeightsFormatException(file, "not a safetensors file: it is " + size
                        + " bytes long, shorter than the 8-byte header length that starts one");
            }
            long headerLength = readFully(file, channel, 0, 8).getLong();
            if (headerLength < 0 || headerLength > size - 8) {
                throw new WeightsFormatException(file, "not a safetensors file: its header length "
                        + Long.toUnsignedString(headerLength) + " is beyond the file size of " + size + " bytes");
            }
            long dataLength = size - 8 - headerLength;
            if (headerLength > MAX_BYTES || dataLength > MAX_BYTES) {
                throw new WeightsFormatException(file, "header of " + headerLength + " bytes or data of " + dataLength
                        + " bytes is over the 2 GiB this reader handles");
            }
            byte[] header = new byte[(int) headerLength];
            readFully(file, channel, 8, header.length).get(header);
            if (header.length == 0 || header[0] != '{') {
                throw new WeightsFormatException(file, "not a safetensors file: its JSON header does not start with '{'"
                        + (header.length == 0 ? " (the header is empty)" : String.format(" (first byte 0x%02x)", header[0])));
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = parseHeader(file, header, metadata);
            checkOffsets(file, entries, dataLength);
            ByteBuffer data = readFully(file, channel, 8 + headerLength, (int) dataLength);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                float[] values = new float[(int) ((e.end - e.begin) / Float.BYTES)];
                // one bulk conversion per tensor: the d2l weights are 2M floats
                data.slice((int) e.begin, (int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN)
                        .asFloatBuffer().get(values);
                tensors.put(e.name, new Tensor(e.shape, values));
            }
            return new SafetensorsFile(tensors, metadata);
        }
    }

    /** The NiN weights in {@code file}, checked against {@code spec} (names, shapes, finite values). */
    public static NinWeights readWeights(Path file, NinSpec spec) throws IOException {
        Map<String, Tensor> tensors = read(file);
        try {
            return NinWeights.of(spec, tensors);
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(file, e.getMessage(), e);
        }
    }

    /** Writes {@code weights} in {@code state_dict} order with {@code metadata} (may be empty or null). */
    public static void writeWeights(Path file, NinWeights weights, Map<String, String> metadata) throws IOException {
        write(file, weights.tensors(), metadata);
    }

    /** Writes {@code tensors} in iteration order with {@code metadata} (may be empty or null), atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] bytes = encode(tensors, metadata);  // everything is checked before the file is touched
        dev.ninbench.core.io.AtomicFiles.write(file, bytes);
    }

    /** The exact bytes {@link #write} puts in a file (for hashing and in-memory use). */
    public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA); // first, as the reference writer puts it
            metadata.forEach((k, v) -> meta.put(requireText(k, "metadata key"), requireText(v, "metadata value")));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = requireText(e.getKey(), "tensor name");
            if (name.equals(METADATA)) {
                throw new IllegalArgumentException("a tensor cannot be called " + METADATA);
            }
            ObjectNode node = header.putObject(name);
            node.put("dtype", F32);
            ArrayNode shape = node.putArray("shape");
            Arrays.stream(e.getValue().shape()).forEach(shape::add);
            long end = offset + (long) e.getValue().size() * Float.BYTES;
            node.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        if (8L + padded + offset > MAX_BYTES) {
            throw new IllegalArgumentException("tensors of " + offset + " bytes are over the 2 GiB this writer handles");
        }
        ByteBuffer out = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        while (out.position() < 8 + padded) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            out.asFloatBuffer().put(t.data()); // a view from the current position, little-endian like out
            out.position(out.position() + t.size() * Float.BYTES);
        }
        return out.array();
    }

    private static List<Entry> parseHeader(Path file, byte[] header, Map<String, String> metadata) {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? " at line " + j.getLocation().getLineNr() + " column " + j.getLocation().getColumnNr() : "";
            String what = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new WeightsFormatException(file, "bad JSON in the safetensors header" + where + ": " + what, e);
        }
        if (root == null || !root.isObject()) {
            throw new WeightsFormatException(file, "the safetensors header must be a JSON object of tensors");
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            JsonNode node = field.getValue();
            if (name.equals(METADATA)) {
                readMetadata(file, node, metadata);
                continue;
            }
            if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                    || !node.path("data_offsets").isArray()) {
                throw new WeightsFormatException(file, "tensor '" + name
                        + "' must be an object with \"dtype\", \"shape\" and \"data_offsets\", got " + node);
            }
            String dtype = node.get("dtype").asText();
            if (!dtype.equals(F32)) {
                throw new WeightsFormatException(file, "tensor '" + name + "' has dtype " + dtype
                        + "; only F32 is supported");
            }
            JsonNode shapeNode = node.get("shape");
            int[] shape = new int[shapeNode.size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                    throw new WeightsFormatException(file, "tensor '" + name + "' has shape " + shapeNode
                            + "; expected non-negative integer dimensions");
                }
                shape[i] = d.intValue();
                // saturate instead of overflowing; such a count can never match the offsets
                elements = shape[i] != 0 && elements > SATURATED / shape[i] ? SATURATED : elements * shape[i];
            }
            JsonNode offsets = node.get("data_offsets");
            if (offsets.size() != 2 || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()
                    || !offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                    || offsets.get(0).longValue() < 0) {
                throw new WeightsFormatException(file, "tensor '" + name + "' has data_offsets " + offsets
                        + "; expected [begin, end], two non-negative integers");
            }
            long begin = offsets.get(0).longValue();
            long end = offsets.get(1).longValue();
            if (end < begin) {
                throw new WeightsFormatException(file, "tensor '" + name + "' has data_offsets " + offsets
                        + " whose end is before its begin");
            }
            if (end - begin != elements * Float.BYTES) {
                throw new WeightsFormatException(file, "tensor '" + name + "' has data_offsets " + offsets + " ("
                        + (end - begin) + " bytes) but its F32 shape " + Arrays.toString(shape) + " needs "
                        + elements * Float.BYTES + " bytes");
            }
            entries.add(new Entry(name, shape, begin, end));
        }
        return entries;
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new WeightsFormatException(file, METADATA + " must be an object of strings, got " + node);
        }
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw new WeightsFormatException(file, METADATA + " value of '" + m.getKey()
                        + "' must be a string, got " + m.getValue());
            }
            metadata.put(m.getKey(), m.getValue().asText());
        }
    }

    /** Sorts {@code entries} by offset and checks they tile the data section exactly, as the reference does. */
    private static void checkOffsets(Path file, List<Entry> entries, long dataLength) {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : entries) {
            String offsets = "[" + e.begin + ", " + e.end + "]";
            if (e.end > dataLength) {
                throw new WeightsFormatException(file, "tensor '" + e.name + "' has data_offsets " + offsets
                        + " beyond the data section of " + dataLength + " bytes");
            }
            if (e.begin < covered) {
                throw new WeightsFormatException(file, "tensor '" + e.name + "' has data_offsets " + offsets
                        + " that overlap tensor '" + previous.name + "' [" + previous.begin + ", " + previous.end
                        + "]; expected contiguous tensors");
            }
            if (e.begin > covered) {
                throw new WeightsFormatException(file, "tensor '" + e.name + "' has data_offsets " + offsets
                        + " leaving a gap after byte " + covered + "; expected contiguous tensors");
            }
            covered = e.end;
            previous = e;
        }
        if (covered != dataLength) {
            throw new WeightsFormatException(file, "the data section is " + dataLength + " bytes but its tensors"
                    + " cover " + covered + "; expected them to match exactly");
        }
    }

    private static ByteBuffer readFully(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException(file + ": unexpected end of file at byte " + (position + buffer.position())
                        + " (was it changed while being read?)");
            }
        }
        return buffer.flip();
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be null or empty");
        }
        return s;
    }
}
