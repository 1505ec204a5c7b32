package dev.ninbench.core.engine;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds the engines on the classpath. An engine JVM holds one; the launcher JVM holds none. */
public final class Backends {
    private Backends() {
    }

    public static List<Backend> all() {
        return ServiceLoader.load(Backend.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The engine called {@code name}, or a one-line error listing the engines this classpath has. */
    public static Backend named(String name) {
        List<Backend> all = all();
        return all.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown engine '" + name + "'; this classpath has: "
                        + (all.isEmpty() ? "none" : all.stream().map(Backend::name).collect(Collectors.joining(", ")))));
    }

    /**
     * The peak benchmark's kernels of engine {@code name} (its variants share them: they are the engine's own ops),
     * or a one-line error when this classpath has none.
     */
    public static PeakKernels peakKernels(String name) {
        String engine = EngineName.parse(name).engine();
        return ServiceLoader.load(PeakKernels.class).stream().map(ServiceLoader.Provider::get)
                .filter(k -> k.engine().equals(engine)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "engine '" + name + "' has no peak kernels on this classpath"));
    }
}
