package dev.ninbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ninbench.bench.throughput.JmhIterations;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The JMH settings the commands share: each command's defaults, the values given, one check. */
class JmhOptionsTest {
    @Command
    static final class Host {
        @Mixin
        JmhOptions jmh;
    }

    private static JmhOptions parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.jmh;
    }

    @Test
    void valuesGivenOverrideTheCommandsDefaults() {
        JmhIterations defaults = new JmhIterations(3, 2, 5, 2);
        assertEquals(defaults, parse().resolve(defaults));
        assertEquals(new JmhIterations(0, 2, 1, 0.5),
                parse("--warmup-iterations", "0", "--iterations", "1", "--iteration-time", "0.5").resolve(defaults));
        assertEquals("0 x 2.0 s warm-up, 1 x 0.5 s measured", new JmhIterations(0, 2, 1, 0.5).describe());
    }

    @Test
    void whatJmhWouldRejectLaterIsRefusedInOneLine() {
        JmhIterations defaults = new JmhIterations(1, 2, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--iterations", "0").resolve(defaults));
        assertEquals("JMH needs --iterations >= 1, --warmup-iterations >= 0, --warmup-time >= 0 and --iteration-time "
                + "> 0; got 1 x 2.0 s warm-up, 0 x 2.0 s measured", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("--iteration-time", "NaN").resolve(defaults));
        assertThrows(IllegalArgumentException.class, () -> parse("--warmup-time", "-1").resolve(defaults));
    }
}
