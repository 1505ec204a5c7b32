package dev.ninbench.core.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU clock a theoretical peak is computed from, and where it was read: the kernel's {@code cpuinfo_max_freq}
 * (the highest clock the cpufreq driver allows), else the "cpu MHz" of {@code /proc/cpuinfo} (what the CPU ran at when
 * read; on a VM often the nominal clock, with no turbo). Null in records written before it was recorded.
 *
 * @param mhz    the clock in MHz; 0 when neither could be read
 * @param source where it came from, in words
 */
public record CpuClock(double mhz, String source) {
    static final Path MAX_FREQ = Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq");

    public static CpuClock read(List<String> cpuinfo) {
        String maxKhz;
        try {
            maxKhz = Files.readString(MAX_FREQ);
        } catch (IOException | SecurityException e) {
            maxKhz = null; // no cpufreq driver (VMs usually have none): cpuinfo's clock below
        }
        return parse(cpuinfo, maxKhz);
    }

    /** From {@code cpuinfo_max_freq}'s text (kHz) when there is a positive one, else cpuinfo's "cpu MHz". */
    static CpuClock parse(List<String> cpuinfo, String maxFreqKhz) {
        try {
            double khz = maxFreqKhz == null ? 0 : Double.parseDouble(maxFreqKhz.trim());
            if (khz > 0) {
                return new CpuClock(khz / 1000, "cpufreq cpuinfo_max_freq");
            }
        } catch (NumberFormatException e) {
            // not a number: fall back to cpuinfo
        }
        return Environment.field(cpuinfo, "cpu MHz").map(v -> {
            try {
                return new CpuClock(Double.parseDouble(v), "/proc/cpuinfo cpu MHz");
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(new CpuClock(0, "unknown"));
    }

    public boolean known() {
        return mhz > 0;
    }
}
