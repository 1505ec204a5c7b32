package dev.ninbench.bench.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineFolderTest {
    @TempDir
    Path dir;

    @Test
    void readsOptionsAndAppliesFixedAndDefaultEnvironment() throws Exception {
        Files.writeString(dir.resolve("engine.properties"), """
                name=demo
                jvm.options=-Xmx1g  -Dx=${engine.dir}
                env.QUIET=2
                env.default.CACHE=${user.home}/.cache/demo
                env.default.OTHER=default
                """);
        EngineFolder f = EngineFolder.read(dir);
        assertEquals("demo", f.name());
        assertEquals(List.of("-Xmx1g", "-Dx=" + dir.toAbsolutePath()), f.jvmOptions());
        assertEquals(dir.toAbsolutePath() + "/*", f.classpath());
        Map<String, String> env = new HashMap<>(Map.of("QUIET", "0", "OTHER", "mine"));
        f.applyEnvironment(env);
        assertEquals("2", env.get("QUIET"), "fixed entries win over the user's");
        assertEquals("mine", env.get("OTHER"), "the user's setting wins over a default");
        assertEquals(System.getProperty("user.home") + "/.cache/demo", env.get("CACHE"));
        List<String> cmd = f.command(dir.resolve("job.json"));
        assertTrue(cmd.get(0).endsWith("/bin/java"));
        assertEquals("dev.ninbench.core.worker.EngineWorker", cmd.get(cmd.size() - 2));

        // another main class (JMH's): the engine's options and jars first, then what the caller adds
        cmd = f.command(List.of("-Dextra=1"), List.of(Path.of("/b/bench.jar"), Path.of("/b/jmh.jar")), "Main", List.of("a"));
        assertEquals(List.of("-Xmx1g", "-Dx=" + dir.toAbsolutePath(), "-Dextra=1", "-cp",
                dir.toAbsolutePath() + "/*:/b/bench.jar:/b/jmh.jar", "Main", "a"), cmd.subList(1, cmd.size()));

        // throughput's --jvm-option: after the engine's own options, so a -D there wins over the folder's
        EngineFolder switched = f.withJvmOptions(List.of("-Dx=off"));
        assertEquals(List.of("-Xmx1g", "-Dx=" + dir.toAbsolutePath(), "-Dx=off"), switched.jvmOptions());
        assertEquals(f.classpath(), switched.classpath());
        assertEquals(List.of("-Xmx1g", "-Dx=" + dir.toAbsolutePath()), f.jvmOptions(), "the folder itself is unchanged");
    }

    @Test
    void tunedDefaultsReachTheTunedPathOnly() throws Exception {
        Files.writeString(dir.resolve("engine.properties"), """
                name=demo
                variants=idiomatic
                env.default.CACHE=/c
                tuned.env.default.FAST=1
                """);
        EngineFolder tuned = EngineFolder.read(dir);
        Map<String, String> env = new HashMap<>();
        tuned.applyEnvironment(env);
        assertEquals(Map.of("CACHE", "/c", "FAST", "1"), env);

        Map<String, String> mine = new HashMap<>(Map.of("FAST", "0"));
        tuned.withJvmOptions(List.of("-Dx=1")).applyEnvironment(mine);
        assertEquals("0", mine.get("FAST"), "the user's setting wins over a tuned default too");

        Map<String, String> idiomatic = new HashMap<>();
        tuned.asVariant("idiomatic").applyEnvironment(idiomatic);
        assertEquals(Map.of("CACHE", "/c"), idiomatic, "a variant is run as the engine's users run it");
    }

    @Test
    void aReusingAllocatorReachesTheTunedPathOnly() throws Exception {
        Files.writeString(dir.resolve("engine.properties"), """
                name=demo
                variants=idiomatic
                tuned.malloc=reuse
                """);
        EngineFolder folder = EngineFolder.read(dir);
        Map<String, String> tuned = new HashMap<>();
        folder.applyEnvironment(tuned);
        assertEquals(ReuseMalloc.environment(), tuned);
        Map<String, String> idiomatic = new HashMap<>();
        folder.asVariant("idiomatic").applyEnvironment(idiomatic);
        assertEquals(Map.of(), idiomatic);
    }

    @Test
    void tcmallocIsPreloadedWhereInstalledElseGlibcKeepsItsMemoryAndAUsersChoiceWins() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        assertEquals(Map.of("GLIBC_TUNABLES", ReuseMalloc.GLIBC_TUNABLES),
                ReuseMalloc.environment(Map.of(), List.of(lib)));
        Files.writeString(lib.resolve("libtcmalloc.so.4"), "");
        assertEquals(Map.of("LD_PRELOAD", lib.resolve("libtcmalloc.so.4").toString()),
                ReuseMalloc.environment(Map.of(), List.of(dir.resolve("missing"), lib)));
        Files.writeString(lib.resolve("libtcmalloc_minimal.so.4"), "");
        assertEquals(Map.of("LD_PRELOAD", lib.resolve("libtcmalloc_minimal.so.4").toString()),
                ReuseMalloc.environment(Map.of(), List.of(lib)), "the minimal build first");
        assertEquals(Map.of(), ReuseMalloc.environment(Map.of("LD_PRELOAD", "/x/libjemalloc.so.2"), List.of(lib)));
        assertEquals(Map.of(), ReuseMalloc.environment(Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=1"),
                List.of(lib)));
    }

    @Test
    void missingNameIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("engine.properties"), "jvm.options=-Xmx1g\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineFolder.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("engine.properties") + ": no 'name' entry"), e.getMessage());
    }
}
