package dev.ninbench.bench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.machine.Environment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a training run says before it starts about variants that compute wrong on the machine. */
class TrainingRunTest {
    private static Environment machine(String... flags) {
        return new Environment("vm", "AMD EPYC", List.of(flags), 2, 8L << 30, "Test OS", "Test JDK 17", Map.of(),
                List.of(), null);
    }

    @Test
    void aVariantWithAKnownFaultOnThisCpuIsNamedBeforeItTrains() {
        List<String> warnings = TrainingRun.knownFaults(List.of("pytorch", "djl-idiomatic", "tf"),
                machine("avx512f", "avx512_vp2intersect"));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("djl-idiomatic (avx512_vp2intersect): can compute wrong training steps"),
                warnings.get(0));
        assertTrue(warnings.get(0).endsWith("report marks its accuracy rows \"not evidence on this CPU\""));
    }

    @Test
    void noWarningOnOtherCpusOrForOtherEngines() {
        assertEquals(List.of(), TrainingRun.knownFaults(List.of("djl-idiomatic"), machine("avx512f", "avx2")));
        assertEquals(List.of(), TrainingRun.knownFaults(List.of("djl", "tf-idiomatic"),
                machine("avx512_vp2intersect")));
    }
}
