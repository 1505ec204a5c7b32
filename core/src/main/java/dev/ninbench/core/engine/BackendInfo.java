package dev.ninbench.core.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * What an engine is and whether it can run here.
 *
 * @param name              the short name ({@code djl})
 * @param engine            the library and the runtime under it ("DJL 0.35.1 / PyTorch 2.7.1")
 * @param engineVersion     the engine library's version
 * @param device            where it computes ("cpu", "gpu:0"), as asked in its {@link ModelOptions}
 * @param available         false when the engine cannot run (e.g. its native library does not load)
 * @param unavailableReason one line saying why, or null when available
 * @param settings          engine settings that change its speed, for run records: the {@link SettingKeys#SHARED}
 *                          keys first, then the engine's own by name, so tables and records read the same every time
 * @param devices           every device this engine can compute on here, each as {@link Device} writes it and then,
 *                          for a GPU, what it is ({@code gpu:0 NVIDIA H100 80GB HBM3, 79.1 GiB}); absent from records
 *                          written before GPUs were supported, which read back as {@code ["cpu"]}
 */
public record BackendInfo(String name, String engine, String engineVersion, String device, boolean available,
                          String unavailableReason, Map<String, String> settings, List<String> devices) {
    public BackendInfo {
        if (settings == null) {
            settings = Map.of();
        } else {
            java.util.TreeMap<String, String> ordered = new java.util.TreeMap<>(SettingKeys.ORDER);
            ordered.putAll(settings);
            settings = java.util.Collections.unmodifiableMap(ordered);
        }
        devices = devices == null ? List.of(Device.CPU.toString()) : List.copyOf(devices);
    }

    /** Whether {@code d} is one of {@link #devices()}. */
    public boolean sees(Device d) {
        String id = d.toString();
        return devices.stream().anyMatch(x -> x.equals(id) || x.startsWith(id + " "));
    }

    /** This info, or, when it does not see {@code d}, this info marked unusable for the reason {@code why} gives. */
    public BackendInfo usableOn(Device d, Supplier<String> why) {
        return sees(d) ? this : unusable(why.get());
    }

    /**
     * What {@link Backend#info} returns: what {@code probe} finds (it loads the engine's native library), or, when
     * the probe throws, the engine marked unavailable with the reason in one line. A native library that fails to
     * load shows up as an {@link Error}, and info() must not throw, so every {@link Throwable} is caught.
     *
     * @param name   the engine's short name
     * @param engine what the engine is, as far as is known without loading it ("DJL 0.35.1 / PyTorch")
     */
    public static BackendInfo probe(String name, String engine, Callable<BackendInfo> probe) {
        try {
            return probe.call();
        } catch (Throwable e) { // any Throwable, see above
            return unavailable(name, engine, Failures.oneLine(e));
        }
    }

    /** This info, marked unusable for {@code reason} (e.g. the run asks for a device the engine cannot use). */
    public BackendInfo unusable(String reason) {
        return new BackendInfo(name, engine, engineVersion, device, false, reason, settings, devices);
    }

    public static BackendInfo unavailable(String name, String engine, String reason) {
        return new BackendInfo(name, engine, "?", "?", false, reason, Map.of(), List.of());
    }
}
