package dev.ninbench.core.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * How much of the machine's CPU went to everything but this process and its children between two moments: other
 * processes, and on a virtual machine the time the hypervisor gave to other guests (steal). A wall-clock figure such
 * as the time to reach an accuracy means something only when that share stayed small; on the shared machines this
 * suite runs on, the same engine's speed moves by 10-40 % from minute to minute with it.
 *
 * <p>Read from Linux's {@code /proc/stat} (all CPUs, in clock ticks of 1/100 s) and the JDK's CPU time of this process
 * tree; elsewhere, or when {@code /proc/stat} cannot be read, nothing is measured.
 */
public final class MachineShare {
    /** Linux's USER_HZ: the unit of /proc/stat, 100 on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** One moment: the machine's busy and total CPU seconds, and this process tree's CPU seconds. */
    public record Snapshot(double busySeconds, double totalSeconds, double ownSeconds) {
    }

    private MachineShare() {
    }

    /** Now; null where the machine's CPU time cannot be read. */
    public static Snapshot now() {
        return now(PROC_STAT);
    }

    static Snapshot now(Path procStat) {
        double[] machine = machineSeconds(procStat);
        return machine == null ? null : new Snapshot(machine[0], machine[1], ownSeconds());
    }

    /**
     * The share (0-1) of the machine's CPU time between {@code start} and now that went to other processes and
     * steal; null when either moment was not measured or no time passed.
     */
    public static Double othersSince(Snapshot start) {
        return between(start, start == null ? null : now());
    }

    static Double between(Snapshot start, Snapshot end) {
        if (start == null || end == null || end.totalSeconds() <= start.totalSeconds()) {
            return null;
        }
        double others = (end.busySeconds() - start.busySeconds()) - (end.ownSeconds() - start.ownSeconds());
        // tick rounding can make a nearly idle machine's figure slightly negative
        return Math.min(1.0, Math.max(0.0, others / (end.totalSeconds() - start.totalSeconds())));
    }

    /**
     * The "cpu" line of /proc/stat as {busy, total} seconds: user nice system idle iowait irq softirq steal (guest
     * time is already in user); idle and iowait are the only fields not busy.
     */
    static double[] machineSeconds(Path procStat) {
        try (Stream<String> lines = Files.lines(procStat)) {
            String cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
            if (cpu == null) {
                return null;
            }
            String[] f = cpu.trim().split("\\s+");
            if (f.length < 9) {
                return null;
            }
            long total = 0;
            for (int i = 1; i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long busy = total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
            return new double[] {busy / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or a /proc/stat this code does not understand: not measured
        }
    }

    /** CPU seconds of this process and every process below it (the PyTorch child of the launcher, for one). */
    private static double ownSeconds() {
        ProcessHandle self = ProcessHandle.current();
        return Stream.concat(Stream.of(self), self.descendants())
                .mapToDouble(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9).sum();
    }
}
