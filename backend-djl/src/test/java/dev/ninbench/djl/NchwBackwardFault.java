package dev.ninbench.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * libtorch 2.7.1's NCHW backward on Zen 5 CPUs ({@code avx512_vp2intersect} in /proc/cpuinfo): the tiny net's step
 * comes out different on every run, often NaN, while channels-last matches PyTorch (docs/engine-facts.md, "DJL
 * (PyTorch engine)"). Tests skip the checks it breaks on such a CPU, saying why.
 */
final class NchwBackwardFault {
    /** The CPU flag of the machines the fault is known on. */
    static final String FLAG = "avx512_vp2intersect";

    private NchwBackwardFault() {
    }

    /** Whether this CPU is one the fault is known on. */
    static boolean suspectCpu() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo")).contains(" " + FLAG);
        } catch (IOException e) {
            return false;
        }
    }

    /** Why a check is skipped, with what showed the fault ({@code evidence}), in one line. */
    static String reason(String evidence) {
        return "libtorch's NCHW backward is wrong on this CPU (" + evidence + "): a known engine defect on Zen 5 ("
                + FLAG + "), not checked here";
    }
}
