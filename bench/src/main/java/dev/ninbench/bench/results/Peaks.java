package dev.ninbench.bench.results;

import dev.ninbench.core.machine.TheoreticalPeak;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The measured peak of a run: the best GFLOP/s any engine's {@code peak} kernel reached in it. The tables' "% of peak"
 * divide by it, not by the {@link TheoreticalPeak}, whose clock and FMA units are partly assumptions; it is shown
 * alongside. Only within one run: another run may be another machine.
 */
public final class Peaks {
    private Peaks() {
    }

    /** One engine's kernel result, and whose it is. */
    public record Best(String engine, KernelRow row) {
        public double gflops() {
            return row.gflops();
        }
    }

    /** The engine's fastest kernel; empty when it measured none. */
    public static Optional<KernelRow> best(EngineThroughput engine) {
        return engine.peak().stream().max(Comparator.comparingDouble(KernelRow::gflops));
    }

    /** The fastest kernel of the run; empty when no engine measured one (runs from before the peak benchmark). */
    public static Optional<Best> measured(List<EngineThroughput> run) {
        return run.stream().flatMap(e -> best(e).map(r -> new Best(e.engine(), r)).stream())
                .max(Comparator.comparingDouble(Best::gflops));
    }

    /** "65 %" of the measured peak, or "-" when the run has none. */
    public static String percent(double gflops, Optional<Best> peak) {
        return peak.isPresent() && !Double.isNaN(gflops)
                ? String.format(Locale.ROOT, "%.0f %%", 100 * gflops / peak.get().gflops()) : "-";
    }

    /**
     * The lines under the throughput table: the measured peak and which kernel gave it, the theoretical one with how
     * it was computed, and which of the two the percentages use.
     */
    public static String describe(List<EngineThroughput> run, Optional<TheoreticalPeak> theoretical) {
        Optional<Best> peak = measured(run);
        String measured = peak.map(b -> String.format(Locale.ROOT, "%.1f GFLOP/s (%s, %s)", b.gflops(), b.engine(),
                b.row().kernel().describe())).orElse("not measured");
        boolean plausible = peak.isEmpty() || theoretical.isEmpty() || theoretical.get().gflops() >= peak.get().gflops();
        return "measured peak: " + measured + "\n"
                + "theoretical peak: " + theoretical(peak, theoretical) + "\n"
                + "% of peak: of the measured peak" + (peak.isPresent() && theoretical.isPresent() && plausible
                        ? String.format(Locale.ROOT, " (which is %.0f %% of the theoretical)",
                                100 * peak.get().gflops() / theoretical.get().gflops()) : "") + "\n";
    }

    /**
     * The theoretical peak with how it was computed; or, where the measured peak exceeds it, why it is not shown: the
     * clock it would use (the nominal one /proc/cpuinfo gives on a VM) is then not the clock the cores ran at, and a
     * figure that cannot be right is left out rather than printed.
     */
    public static String theoretical(Optional<Best> measured, Optional<TheoreticalPeak> theoretical) {
        if (theoretical.isEmpty()) {
            return "unknown (no clock or FMA flags readable)";
        }
        TheoreticalPeak t = theoretical.get();
        if (measured.isPresent() && measured.get().gflops() > t.gflops()) {
            return String.format(Locale.ROOT, "not shown: the measured peak exceeds the %.1f GFLOP/s computed from "
                    + "%.3f GHz (%s), so the cores ran faster than that clock", t.gflops(), t.clock().mhz() / 1000,
                    t.clock().source());
        }
        return t.describe();
    }
}
