package dev.ninbench.bench.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.profile.Profile;
import dev.ninbench.core.engine.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What JmhRunner asks JMH for, and what it makes of a benchmark that failed. */
class JmhRunnerTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedBenchmarkIsReportedWithTheExceptionJmhPrinted() throws Exception {
        Path log = tmp.resolve("e-jmh.log");
        Files.writeString(log, """
                # Fork: 1 of 1
                Iteration   1: <failure>

                java.lang.IllegalStateException: engine is not usable here: libx.so missing
                	at dev.ninbench.engineside.NinModelState.open(NinModelState.java:56)
                """);
        assertEquals("java.lang.IllegalStateException: engine is not usable here: libx.so missing", JmhRunner.firstFailure(log));
        Files.writeString(log, "# Fork: 1 of 1\n");
        assertEquals("see " + log, JmhRunner.firstFailure(log));
    }

    @Test
    void jmhArgumentsComeFromTheProfile() {
        Profile.Throughput smoke = Profile.named("smoke").throughput();
        List<String> args = new JmhRunner(smoke, 2, Device.CPU, List.of(), List.of("-prof", "gc"))
                .arguments("dl4j-idiomatic", tmp.resolve("e-jmh.json"));
        String joined = String.join(" ", args);
        assertTrue(joined.startsWith("-rf json -rff " + tmp.resolve("e-jmh.json").toAbsolutePath()), joined);
        // the engine is a JMH parameter, so JMH's JSON names it; --jmh-arg comes after the suite's own arguments
        assertTrue(joined.endsWith("-f 1 -wi 1 -w 1000ms -i 3 -r 1000ms -p engine=dl4j-idiomatic -p batchSize=32 "
                + "-p inputSide=68 -prof gc ^dev\\.ninbench\\.engineside\\.(TrainStepBenchmark|InferenceBenchmark)\\."),
                joined);
        String peak = String.join(" ", new JmhRunner(smoke, 2, Device.CPU, List.of(), List.of()).peakArguments("dl4j", tmp.resolve("p.json")));
        assertTrue(peak.endsWith("-f 1 -wi 1 -w 500ms -i 3 -r 500ms -p engine=dl4j -p kernel=sgemm,conv3x3,conv5x5 "
                + "^dev\\.ninbench\\.engineside\\.(PeakBenchmark)\\."), peak);
        assertEquals(List.of(64, 128), Profile.named("cpu").throughput().batchSizes());
        assertEquals(224, Profile.named("d2l").throughput().inputSide());
    }
}
