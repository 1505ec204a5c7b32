package dev.ninbench.core.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds: its F32 tensors in data-offset order, and its {@code __metadata__} strings
 * (empty when the file has none). Both maps are unmodifiable and keep their order.
 */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, String> metadata) {
    public SafetensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensor called {@code name}, or an error listing the names the file has. */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; the file has " + tensors.keySet());
        }
        return t;
    }
}
