package dev.ninbench.core.data;

import dev.ninbench.core.weights.Safetensors;
import dev.ninbench.core.weights.Tensor;
import dev.ninbench.core.weights.WeightsFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batches as safetensors files: {@code images} F32 [n,1,28,28] and {@code labels} F32 [n] (0..9). The one input
 * format shared by every engine JVM and by the PyTorch reference (bench/src/main/python/nin_reference.py).
 */
public final class BatchFiles {
    private BatchFiles() {
    }

    public static Map<String, Tensor> tensors(Batch batch) {
        float[] labels = new float[batch.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = batch.labels()[i];
        }
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("images", new Tensor(new int[] {batch.size(), 1, 28, 28}, batch.images()));
        t.put("labels", new Tensor(new int[] {batch.size()}, labels));
        return t;
    }

    /** The batch held by {@code images} and {@code labels} tensors; labels must be whole numbers 0..9. */
    public static Batch fromTensors(Map<String, Tensor> tensors, Path source) {
        Tensor images = tensors.get("images");
        Tensor labels = tensors.get("labels");
        if (images == null || labels == null) {
            throw new WeightsFormatException(source, "expected tensors 'images' [n,1,28,28] and 'labels' [n], have "
                    + tensors.keySet());
        }
        int[] out = new int[labels.size()];
        for (int i = 0; i < out.length; i++) {
            float v = labels.data()[i];
            if (v != Math.rint(v) || v < 0 || v > 9) {
                throw new WeightsFormatException(source, "label " + i + " is " + v + ", expected a whole number 0..9");
            }
            out[i] = (int) v;
        }
        try {
            return new Batch(out.length, images.data(), out);
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(source, e.getMessage());
        }
    }

    public static void write(Path file, Batch batch) {
        try {
            Safetensors.write(file, tensors(batch), Map.of("content", "nin-bench batch"));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write batch: " + e.getMessage(), e);
        }
    }

    public static Batch read(Path file) {
        try {
            return fromTensors(Safetensors.read(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read batch: " + e.getMessage(), e);
        }
    }
}
