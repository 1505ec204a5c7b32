package dev.ninbench.bench.launch;

import dev.ninbench.core.engine.EngineName;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines this installation has: the folders named by the system property {@code ninbench.engines.path}
 * (set by the {@code nin-bench} script to every {@code backend-*}/target/engine), each one engine.
 */
public final class EngineCatalog {
    /** Every engine the suite knows, built here or not, in the order runs use. */
    public static final List<String> KNOWN = List.of("djl", "tf", "dl4j");

    private final Map<String, EngineFolder> folders;

    public EngineCatalog(Map<String, EngineFolder> folders) {
        this.folders = Map.copyOf(folders);
    }

    public static EngineCatalog fromPath(String path) {
        Map<String, EngineFolder> found = new LinkedHashMap<>();
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank() && Files.isRegularFile(Path.of(entry, EngineFolder.PROPERTIES))) {
                    EngineFolder f = EngineFolder.read(Path.of(entry));
                    found.put(f.name(), f);
                }
            }
        }
        return new EngineCatalog(found);
    }

    public static EngineCatalog installed() {
        return fromPath(System.getProperty("ninbench.engines.path"));
    }

    /** Known engines first (in {@link #KNOWN} order), then any other engine found. */
    public List<String> names() {
        List<String> names = new ArrayList<>(KNOWN);
        folders.keySet().stream().filter(n -> !KNOWN.contains(n)).sorted().forEach(names::add);
        return names;
    }

    public boolean isBuilt(String name) {
        return folders.containsKey(name);
    }

    /** Engines that are built here, in run order: their tuned variants. */
    public List<String> built() {
        return names().stream().filter(this::isBuilt).toList();
    }

    /** Every variant of every engine built here, each engine's tuned one first. */
    public List<String> builtVariants() {
        return built().stream().flatMap(n -> folders.get(n).engineNames().stream()).toList();
    }

    /**
     * The folders of the engines a command was asked for ({@code --engines}), or of every engine built here when
     * none was named (each engine's tuned variant, or every variant with {@code everyVariant}); a one-line error when
     * one is unknown or not built, or when nothing is built.
     */
    public List<EngineFolder> chosen(List<String> requested, boolean everyVariant) {
        List<String> names = requested != null && !requested.isEmpty() ? requested
                : everyVariant ? builtVariants() : built();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no engine is built here; run mvn package (engines: "
                    + String.join(", ", names()) + ")");
        }
        return names.stream().map(String::trim).map(this::folder).toList();
    }

    /** The tuned variants of {@link #chosen(List, boolean)}. */
    public List<EngineFolder> chosen(List<String> requested) {
        return chosen(requested, false);
    }

    /**
     * The folder of {@code name} (an engine, or {@code <engine>-<variant>}: the engine's folder run as that variant);
     * a one-line error when it is unknown or not built.
     */
    public EngineFolder folder(String name) {
        EngineName parsed = EngineName.parse(name);
        EngineFolder f = folders.get(parsed.engine());
        if (f != null && !EngineName.TUNED.equals(parsed.variant())) {
            if (!f.variants().contains(parsed.variant())) {
                throw new IllegalArgumentException("unknown variant '" + name + "'; " + parsed.engine() + " has: "
                        + String.join(", ", f.engineNames()));
            }
            return f.asVariant(parsed.variant());
        }
        if (f != null) {
            return f;
        }
        if (!names().contains(name)) {
            throw new IllegalArgumentException("unknown engine '" + name + "'; valid engines: " + String.join(", ",
                    names().stream().flatMap(n -> folders.containsKey(n) ? folders.get(n).engineNames().stream()
                            : java.util.stream.Stream.of(n)).toList()) + ", and pytorch (PyTorch's row)");
        }
        throw new IllegalArgumentException("engine '" + name + "' is not built in this installation; built: "
                + (built().isEmpty() ? "none (run mvn package)" : String.join(", ", built())));
    }
}
