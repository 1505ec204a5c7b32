package dev.ninbench.bench.cli;

import dev.ninbench.core.engine.Device;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** Options every command that starts engines shares. */
public final class EngineOptions {
    @Option(names = "--threads", defaultValue = "0",
            description = "Compute threads per engine (0 = all cores). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--device", defaultValue = "cpu", converter = DeviceConverter.class,
            description = "Where the engines compute: cpu, gpu (the first GPU) or gpu:N. A GPU needs the CUDA build "
                    + "(mvn -Pcuda package); an engine that cannot use the device fails with the reason, it never "
                    + "falls back to the CPU. Default: ${DEFAULT-VALUE}.")
    Device device;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    int threads() {
        if (threads < 0) {
            throw new IllegalArgumentException("--threads must be >= 0 (0 = all cores), got " + threads);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) {
            // more compute threads than cores only makes them wait on each other: no step would measure the engine
            throw new IllegalArgumentException("--threads " + threads + ": this machine has " + cores + " core"
                    + (cores == 1 ? "" : "s") + " (as the JVM sees them); give at most " + cores + ", or 0 for all");
        }
        return threads;
    }

    Device device() {
        return device == null ? Device.CPU : device;
    }

    /** picocli's way to parse {@code --device}; its error message lists the valid forms. */
    static final class DeviceConverter implements ITypeConverter<Device> {
        @Override
        public Device convert(String value) {
            return Device.parse(value);
        }
    }
}
