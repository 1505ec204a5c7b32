package dev.ninbench.core.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortablePathsTest {
    @Test
    void homeIsWrittenAsTilde() {
        assertEquals("~/.cache/nin-bench/dl4j", PortablePaths.home("/root/.cache/nin-bench/dl4j", "/root"));
        assertEquals("~", PortablePaths.home("/home/ann", "/home/ann/"));
        assertEquals("/usr/bin/python3", PortablePaths.home("/usr/bin/python3", "/root"));
        assertEquals("/rootfs/x", PortablePaths.home("/rootfs/x", "/root"), "only the home folder itself");
    }

    @Test
    void tildeIsReadBackAsHome() {
        assertEquals(Path.of("/home/ann/data/fashion"), PortablePaths.expand("~/data/fashion", "/home/ann"));
        assertEquals(Path.of("/home/ann"), PortablePaths.expand("~", "/home/ann"));
        assertEquals(Path.of("/srv/data"), PortablePaths.expand("/srv/data", "/home/ann"));
        String written = PortablePaths.home("/home/ann/data/fashion", "/home/ann");
        assertEquals(Path.of("/home/ann/data/fashion"), PortablePaths.expand(written, "/home/ann"));
    }

    @Test
    void jmhJsonGetsPathsRelativeToItsFolder() {
        String jvmArgs = "\"-Dninbench.jmh.memoryDir=/work/co/results/runs/r1/round-1/djl-memory\", "
                + "\"-Dorg.bytedeco.javacpp.cachedir=/root/.cache/nin-bench/dl4j\"";
        assertEquals("\"-Dninbench.jmh.memoryDir=djl-memory\", \"-Dorg.bytedeco.javacpp.cachedir=~/.cache/nin-bench/dl4j\"",
                PortablePaths.portable(jvmArgs, "/work/co/results/runs/r1/round-1", "/root"));
    }
}
