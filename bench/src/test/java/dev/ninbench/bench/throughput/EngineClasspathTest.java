package dev.ninbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.NinBench;
import dev.ninbench.engineside.NinModelState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the launcher adds to an engine JVM's classpath (JMH's runs and the cold starts): the engine side, no launcher. */
class EngineClasspathTest {
    private static Path codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void anEngineJvmGetsTheEngineSideAndJmhButNoLauncherCode() throws Exception {
        List<Path> classpath = JmhRunner.benchmarkClasspath();
        assertTrue(classpath.contains(codeSource(NinModelState.class)), classpath.toString());
        assertTrue(classpath.contains(codeSource(org.openjdk.jmh.Main.class)), classpath.toString());
        // the launcher's own classes (this module) and its libraries stay out
        for (Class<?> launcher : List.of(NinBench.class, picocli.CommandLine.class, org.knowm.xchart.XYChart.class)) {
            assertFalse(classpath.contains(codeSource(launcher)), launcher + " on " + classpath);
        }
    }
}
