package dev.ninbench.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TheoreticalPeakTest {
    /** The first processor of this repository's machine's /proc/cpuinfo, shortened. */
    private static final List<String> CPUINFO = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Processor
            cpu MHz\t\t: 2599.998
            flags\t\t: fpu vme sse2 avx f16c fma avx2 avx512f avx512dq avx512bw avx512vl amx_tile
            """.lines().toList();

    @Test
    void avx512CoresAtCpuinfosClock() {
        CpuClock clock = CpuClock.parse(CPUINFO, null);
        assertEquals(new CpuClock(2599.998, "/proc/cpuinfo cpu MHz"), clock);
        List<String> flags = Environment.simdFlags(CPUINFO);
        assertEquals(List.of("amx_tile", "avx", "avx2", "avx512bw", "avx512dq", "avx512f", "avx512vl", "f16c", "fma"), flags);
        TheoreticalPeak peak = TheoreticalPeak.of(flags, clock, 2).orElseThrow();
        // 2 cores x 2.6 GHz x 16 lanes x 2 FLOP x 2 FMA units
        assertEquals(332.8, peak.gflops(), 0.01);
        assertEquals("332.8 GFLOP/s = 2 core(s) x 2.600 GHz (/proc/cpuinfo cpu MHz) x 16 fp32 lanes (avx512f) x 2 "
                + "FLOP/FMA x 2 FMA units (assumed)", peak.describe());
    }

    @Test
    void cpufreqsMaximumWinsAndAvx2HasEightLanes() {
        CpuClock clock = CpuClock.parse(CPUINFO, "3500000\n");
        assertEquals(new CpuClock(3500, "cpufreq cpuinfo_max_freq"), clock);
        assertEquals(3.5 * 8 * 2 * 2, TheoreticalPeak.of(List.of("avx", "avx2", "fma"), clock, 1).orElseThrow().gflops(), 1e-9);
        assertEquals(clock, CpuClock.parse(CPUINFO, "3500000"));
        assertEquals(2599.998, CpuClock.parse(CPUINFO, "garbage").mhz(), 1e-9);
    }

    @Test
    void unknownWithoutAClockOrFmaVectors() {
        CpuClock clock = CpuClock.parse(List.of("model name : Some ARM"), null);
        assertEquals(false, clock.known());
        assertTrue(TheoreticalPeak.of(List.of("avx512f"), clock, 2).isEmpty());
        assertTrue(TheoreticalPeak.of(List.of("avx"), new CpuClock(3000, "x"), 2).isEmpty());
        // a machine recorded before clocks were: no figure
        Environment old = new Environment("h", "cpu", List.of("avx512f"), 2, 1, "os", "jdk", java.util.Map.of(), List.of());
        assertTrue(TheoreticalPeak.ofRun(old, 2).isEmpty());
        // a run's cores: its threads, at most the machine's; 0 threads is all of them
        Environment recorded = new Environment("h", "cpu", List.of("avx512f"), 2, 1, "os", "jdk", java.util.Map.of(),
                List.of(), new CpuClock(1000, "x"));
        assertEquals(64, TheoreticalPeak.ofRun(recorded, 1).orElseThrow().gflops(), 1e-9);
        assertEquals(128, TheoreticalPeak.ofRun(recorded, 0).orElseThrow().gflops(), 1e-9);
        assertEquals(128, TheoreticalPeak.ofRun(recorded, 8).orElseThrow().gflops(), 1e-9);
    }
}
