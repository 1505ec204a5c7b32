package dev.ninbench.core.machine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fp32 rate the cores could reach if every cycle issued fused multiply-adds on full vectors: cores x clock x fp32
 * lanes x 2 FLOP per FMA x FMA units per core. The lanes come from the CPU's flags ({@code avx512f}: 16, {@code avx2}
 * with {@code fma}: 8); the FMA units per core cannot be read anywhere and are assumed to be 2 (true of most server
 * cores since Haswell and of Zen 4/5, but some Xeons have one 512-bit unit); and the clock is {@link CpuClock}'s, which
 * misses turbo where only cpuinfo's is readable. So it is a guide, not a measurement: the tables' "% of peak" use the
 * measured peak (the best {@code peak} kernel of the run), and show this one alongside.
 */
public record TheoreticalPeak(int cores, CpuClock clock, String simd, int lanes, int fmaUnits) {
    /** Assumed: no file says how many FMA units a core has. */
    public static final int ASSUMED_FMA_UNITS = 2;

    /**
     * For a run on {@code machine} with {@code threads} compute threads (0: all cores), i.e. on that many of its cores;
     * empty where its flags or its clock are unknown.
     */
    public static Optional<TheoreticalPeak> ofRun(Environment machine, int threads) {
        int cores = threads > 0 ? Math.min(threads, machine.cores()) : machine.cores();
        return of(machine.cpuFlags(), machine.clock(), cores);
    }

    static Optional<TheoreticalPeak> of(List<String> flags, CpuClock clock, int cores) {
        if (clock == null || !clock.known() || cores < 1) {
            return Optional.empty();
        }
        if (flags.contains("avx512f")) {
            return Optional.of(new TheoreticalPeak(cores, clock, "avx512f", 16, ASSUMED_FMA_UNITS));
        }
        if (flags.contains("avx2") && flags.contains("fma")) {
            return Optional.of(new TheoreticalPeak(cores, clock, "avx2+fma", 8, ASSUMED_FMA_UNITS));
        }
        return Optional.empty(); // no FMA vectors we know of (or not x86): no figure rather than a guess
    }

    public double gflops() {
        return cores * clock.mhz() / 1000 * lanes * 2 * fmaUnits;
    }

    /** "332.8 GFLOP/s = 2 cores x 2.600 GHz (/proc/cpuinfo cpu MHz) x 16 fp32 lanes (avx512f) x 2 FLOP/FMA x 2 FMA units (assumed)". */
    public String describe() {
        return String.format(Locale.ROOT, "%.1f GFLOP/s = %d core(s) x %.3f GHz (%s) x %d fp32 lanes (%s) x 2 FLOP/FMA"
                + " x %d FMA units (assumed)", gflops(), cores, clock.mhz() / 1000, clock.source(), lanes, simd, fmaUnits);
    }
}
