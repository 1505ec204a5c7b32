package dev.ninbench.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ninbench.core.engine.Kernel;

/**
 * One engine's {@code PeakBenchmark} result for one kernel: JMH's ops per second and its error, and the GFLOP/s they
 * make with the kernel's FLOPs (counted in core, so every engine's figure counts the same work).
 */
@JsonIgnoreProperties(value = {"gflops", "gflopsError"}, allowGetters = true) // derived: recomputed when read back
public record KernelRow(Kernel kernel, double opsPerSecond, double opsError) {
    @JsonProperty
    public double gflops() {
        return opsPerSecond * kernel.flops() / 1e9;
    }

    /** JMH's error (half the 99.9 % confidence interval) in GFLOP/s; NaN when JMH gave none. */
    @JsonProperty
    public double gflopsError() {
        return opsError * kernel.flops() / 1e9;
    }
}
