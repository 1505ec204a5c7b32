package dev.ninbench.core.engine;

import java.util.Map;

/**
 * What an engine is and whether it can run here.
 *
 * @param name              the short name ({@code djl})
 * @param engine            the library and the runtime under it ("DJL 0.35.1 / PyTorch 2.7.1")
 * @param engineVersion     the engine library's version
 * @param device            where it computes ("cpu")
 * @param available         false when the engine cannot run (e.g. its native library does not load)
 * @param unavailableReason one line saying why, or null when available
 * @param settings          engine settings that change its speed (threads, native build, ...), for run records;
 *                          sorted by name so tables and records read the same every time
 */
public record BackendInfo(String name, String engine, String engineVersion, String device, boolean available,
                          String unavailableReason, Map<String, String> settings) {
    public BackendInfo {
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(settings));
    }

    public static BackendInfo unavailable(String name, String engine, String reason) {
        return new BackendInfo(name, engine, "?", "?", false, reason, Map.of());
    }
}
