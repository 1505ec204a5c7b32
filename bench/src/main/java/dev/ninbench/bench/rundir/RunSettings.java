package dev.ninbench.bench.rundir;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ninbench.bench.profile.Profile;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run directory's {@code run.json}: what was asked for the run, so that a resume goes on with the same settings
 * and a report knows the machine and profile of its figures. One record per kind of run; the file names no kind, so
 * whoever reads it says which it expects. Keys the record does not know (from older or newer suites) are skipped,
 * and keys an older file lacks read back as the fallbacks each record documents.
 */
public sealed interface RunSettings permits RunSettings.Train, RunSettings.Throughput, RunSettings.Scaling {
    /** The file's name in every run directory. */
    String FILE_NAME = "run.json";

    /** Writes these settings as {@code runDir}'s {@code run.json}. */
    default void write(Path runDir) throws IOException {
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve(FILE_NAME).toFile(), this);
    }

    /** {@code runDir}'s {@code run.json} as {@code kind}, or null when the file holds {@code null}. */
    static <T extends RunSettings> T read(Path runDir, Class<T> kind) throws IOException {
        return Json.MAPPER.readValue(runDir.resolve(FILE_NAME).toFile(), kind);
    }

    /**
     * The settings of a {@code train} run.
     *
     * @param profile the profile's name; {@code ?} when the file has none
     * @param engines the engines trained, in order (PyTorch's row is {@code pytorch}, not here); null when the file
     *                has none (not a training run)
     * @param spec    the net; null when the file has none
     * @param config  the hyper-parameters (seed included); null when the file has none
     * @param threads compute threads (0 = all cores)
     * @param device  where the engines computed; the CPU when the file has none
     * @param data    the Fashion-MNIST directory used, under the home as {@code ~/...} ({@code PortablePaths}); null
     *                when the file has none
     * @param suite   the suite's code that ran it; null in runs from before it was recorded
     * @param pytorch the python that trained PyTorch's row (under the home as {@code ~/...}), or null when the run had
     *                none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Train(String profile, List<String> engines, NinSpec spec, TrainConfig config, int threads, Device device,
                 String data, SuiteVersion suite, String pytorch) implements RunSettings {
        public Train {
            profile = profile == null ? "?" : profile;
            device = device == null ? Device.CPU : device;
            engines = engines == null ? null : List.copyOf(engines);
        }
    }

    /**
     * The settings of a {@code throughput} run.
     *
     * @param profile     the profile's name; {@code ?} when the file has none
     * @param engines     the engines measured, in order
     * @param throughput  the JMH settings (the profile's, with the command line's overrides)
     * @param threads     compute threads (0 = all cores)
     * @param device      where the engines computed; the CPU when the file has none
     * @param jvmOptions  the extra options of every engine JVM ({@code --jvm-option}); none in runs from before them
     * @param environment the machine the figures were measured on; null when the file has none, and then they cannot
     *                    be compared with anything
     * @param suite       the suite's code that ran it; null in runs from before it was recorded
     * @param jmhArgs     the arguments for JMH itself ({@code --jmh-arg}); none in runs from before they were kept
     * @param pytorch     the python that ran PyTorch's rows (under the home as {@code ~/...}); null when the run had
     *                    none, or is from before it was kept
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Throughput(String profile, List<String> engines, Profile.Throughput throughput, int threads, Device device,
                      List<String> jvmOptions, Environment environment, SuiteVersion suite, List<String> jmhArgs,
                      String pytorch) implements RunSettings {
        public Throughput {
            profile = profile == null ? "?" : profile;
            engines = engines == null ? List.of() : List.copyOf(engines);
            device = device == null ? Device.CPU : device;
            jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
            jmhArgs = jmhArgs == null ? List.of() : List.copyOf(jmhArgs);
        }

        /** Settings as runs before {@code jmhArgs} and {@code pytorch} were kept wrote them. */
        public Throughput(String profile, List<String> engines, Profile.Throughput throughput, int threads,
                          Device device, List<String> jvmOptions, Environment environment, SuiteVersion suite) {
            this(profile, engines, throughput, threads, device, jvmOptions, environment, suite, List.of(), null);
        }
    }

    /**
     * The settings of a {@code scaling} run.
     *
     * @param engines      the engines measured, in order
     * @param throughput   the JMH settings of one point, its rounds and its peak settings (its input side is the
     *                     first of {@code inputSides}; each point replaces it)
     * @param inputSides   the input sides measured
     * @param threadCounts the thread counts measured
     * @param environment  the machine the figures were measured on; null when the file has none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Scaling(List<String> engines, Profile.Throughput throughput, List<Integer> inputSides,
                   List<Integer> threadCounts, Device device, List<String> jvmOptions, Environment environment,
                   SuiteVersion suite) implements RunSettings {
        public Scaling {
            engines = engines == null ? List.of() : List.copyOf(engines);
            inputSides = inputSides == null ? List.of() : List.copyOf(inputSides);
            threadCounts = threadCounts == null ? List.of() : List.copyOf(threadCounts);
            device = device == null ? Device.CPU : device;
            jvmOptions = jvmOptions == null ? List.of() : List.copyOf(jvmOptions);
        }
    }
}
