package dev.ninbench.core.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineShareTest {
    @TempDir
    Path dir;

    @Test
    void readsBusyAndTotalSecondsFromTheCpuLine() throws IOException {
        // user nice system idle iowait irq softirq steal guest guest_nice: idle and iowait are not busy, steal is
        Path stat = Files.writeString(dir.resolve("stat"),
                "cpu  100 20 30 800 50 5 5 40 7 0\ncpu0 50 10 15 400 25 2 3 20 3 0\nintr 1 2 3\n");
        assertArrayEquals(new double[] {2.0, 10.5}, MachineShare.machineSeconds(stat), 1e-9);
    }

    @Test
    void notMeasuredWhereProcStatIsMissingOrOdd() throws IOException {
        assertNull(MachineShare.machineSeconds(dir.resolve("missing")));
        assertNull(MachineShare.machineSeconds(Files.writeString(dir.resolve("short"), "cpu  1 2 3\n")));
        assertNull(MachineShare.machineSeconds(Files.writeString(dir.resolve("text"), "cpu  a b c d e f g h\n")));
        assertNull(MachineShare.now(dir.resolve("missing")));
        assertNull(MachineShare.othersSince(null));
    }

    @Test
    void othersAreTheBusyTimeThisProcessTreeDidNotUse() {
        // 2 cores for 10 s: 20 s of CPU, 14 busy, 12 of them ours: others took 2 of 20
        MachineShare.Snapshot start = new MachineShare.Snapshot(100, 1000, 50);
        MachineShare.Snapshot end = new MachineShare.Snapshot(114, 1020, 62);
        assertEquals(0.10, MachineShare.between(start, end), 1e-9);
        // tick rounding can put ours above the machine's busy time: no negative share
        assertEquals(0.0, MachineShare.between(start, new MachineShare.Snapshot(110, 1020, 62)));
        assertNull(MachineShare.between(start, start), "no time passed");
        assertNull(MachineShare.between(start, null));
    }

    @Test
    void measuresThisMachineOnLinux() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "only Linux has /proc/stat");
        MachineShare.Snapshot start = MachineShare.now();
        assertNotNull(start);
        long until = System.nanoTime() + 150_000_000L;
        while (System.nanoTime() < until) {
            Thread.onSpinWait(); // at least one tick on the machine's clock
        }
        Double share = MachineShare.othersSince(start);
        assertNotNull(share);
        assertTrue(share >= 0 && share <= 1, share.toString());
    }
}
