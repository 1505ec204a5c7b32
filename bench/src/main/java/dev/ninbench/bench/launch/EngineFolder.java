package dev.ninbench.bench.launch;

import dev.ninbench.core.engine.EngineName;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One engine's folder as its module's build lays it out ({@code backend-*}/target/engine): its jars and
 * {@code engine.properties}, which holds everything specific to starting that engine's JVM:
 * {@code name}, {@code jvm.options}, {@code env.NAME=value} entries (always set), {@code env.default.NAME=value}
 * entries (set unless the user's environment already has NAME, e.g. a cache folder the user chose),
 * {@code tuned.env.default.NAME=value} entries (the same, for the tuned path only: a setting the suite found makes the
 * engine faster, which its variants, written as the engine's users write it, do not get), {@code tuned.malloc=reuse}
 * (the tuned path runs with {@link ReuseMalloc}'s allocator, unless the user's environment chose one), optionally
 * {@code classpath} (default: every jar in the folder), and {@code variants}: the engine's variants besides its tuned
 * one, comma-separated ({@code idiomatic}), each run from the same folder as {@code <name>-<variant>}
 * ({@link dev.ninbench.core.engine.EngineName}). {@code ${user.home}} and {@code ${engine.dir}} are expanded.
 *
 * @param name     the engine name its JVM's job asks for: the engine's, or {@code <engine>-<variant>}
 * @param variants the folder's variants besides the tuned one
 * @param tunedEnvDefaults the environment defaults of the tuned path alone
 */
public record EngineFolder(String name, Path dir, List<String> jvmOptions, Map<String, String> env,
                           Map<String, String> envDefaults, String classpath, List<String> variants,
                           Map<String, String> tunedEnvDefaults) {

    public static final String PROPERTIES = "engine.properties";

    public static EngineFolder read(Path dir) {
        Path file = dir.resolve(PROPERTIES);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read engine properties: " + e.getMessage(), e);
        }
        String name = p.getProperty("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(file + ": no 'name' entry; expected e.g. name=djl");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> envDefaults = new LinkedHashMap<>();
        Map<String, String> tunedEnvDefaults = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith("tuned.env.default.")) {
                tunedEnvDefaults.put(key.substring("tuned.env.default.".length()), expand(p.getProperty(key), dir));
            } else if (key.startsWith("env.default.")) {
                envDefaults.put(key.substring("env.default.".length()), expand(p.getProperty(key), dir));
            } else if (key.startsWith("env.")) {
                env.put(key.substring("env.".length()), expand(p.getProperty(key), dir));
            }
        }
        if ("reuse".equals(p.getProperty("tuned.malloc"))) {
            ReuseMalloc.environment().forEach(tunedEnvDefaults::putIfAbsent);
        }
        List<String> options = new ArrayList<>();
        String raw = expand(p.getProperty("jvm.options", ""), dir).trim();
        if (!raw.isEmpty()) {
            options.addAll(Arrays.asList(raw.split("\\s+")));
        }
        String cp = p.getProperty("classpath");
        List<String> variants = Arrays.stream(p.getProperty("variants", "").split(",")).map(String::trim)
                .filter(v -> !v.isEmpty()).toList();
        return new EngineFolder(name.trim(), dir, List.copyOf(options), env, envDefaults,
                cp == null ? dir.toAbsolutePath() + "/*" : expand(cp, dir), variants, tunedEnvDefaults);
    }

    private static String expand(String value, Path dir) {
        return value.replace("${user.home}", System.getProperty("user.home"))
                .replace("${engine.dir}", dir.toAbsolutePath().toString());
    }

    /**
     * The environment of this engine's JVM: the user's, with this engine's defaults (and the tuned path's own, when this
     * is the tuned path) and fixed entries applied.
     */
    public void applyEnvironment(Map<String, String> environment) {
        if (EngineName.TUNED.equals(EngineName.parse(name).variant())) {
            tunedEnvDefaults.forEach(environment::putIfAbsent);
        }
        envDefaults.forEach(environment::putIfAbsent);
        environment.putAll(env);
    }

    /** This engine with {@code more} JVM options after its own (a later -D wins), e.g. to switch an engine setting. */
    public EngineFolder withJvmOptions(List<String> more) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(more);
        return new EngineFolder(name, dir, List.copyOf(all), env, envDefaults, classpath, variants, tunedEnvDefaults);
    }

    /** This folder as its variant {@code variant} (one of {@link #variants}): the same JVM, another engine name. */
    public EngineFolder asVariant(String variant) {
        return new EngineFolder(new EngineName(name, variant).toString(), dir, jvmOptions, env, envDefaults, classpath,
                variants, tunedEnvDefaults);
    }

    /** The engine names this folder can run: the tuned one, then each variant. */
    public List<String> engineNames() {
        List<String> names = new ArrayList<>(List.of(name));
        variants.forEach(v -> names.add(new EngineName(name, v).toString()));
        return List.copyOf(names);
    }

    /**
     * The command that starts this engine's worker on {@code jobFile}. A JVM crash report goes next to the job file
     * (the run directory, {@link #crashReportPattern}), not into whatever directory the launcher was started from.
     */
    public List<String> command(Path jobFile) {
        Path dir = jobFile.toAbsolutePath().getParent();
        return command(List.of("-XX:ErrorFile=" + dir.resolve(crashReportPattern())), List.of(),
                "dev.ninbench.core.worker.EngineWorker", List.of(jobFile.toAbsolutePath().toString()));
    }

    /** The JVM's crash report file name ({@code %p}: the process id). */
    public String crashReportPattern() {
        return name + "-hs_err_pid%p.log";
    }

    /**
     * The command that runs {@code mainClass} in this engine's JVM: its JVM options then {@code extraJvmOptions},
     * its classpath then {@code extraClasspath} (the engine's jars come first, so they win over any duplicate).
     */
    public List<String> command(List<String> extraJvmOptions, List<Path> extraClasspath, String mainClass,
                                List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(extraJvmOptions);
        cmd.add("-cp");
        StringBuilder cp = new StringBuilder(classpath);
        extraClasspath.forEach(p -> cp.append(java.io.File.pathSeparator).append(p.toAbsolutePath()));
        cmd.add(cp.toString());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
