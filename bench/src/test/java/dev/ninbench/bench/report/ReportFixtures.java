package dev.ninbench.bench.report;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.machine.CpuClock;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.machine.Gpus;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Machines, engines and records for the report's tests, small and made up, and a CSV reader to check its files. */
final class ReportFixtures {
    /** A machine with its clock recorded (since the peak benchmark), so the report has a theoretical peak for it. */
    static final Environment ALPHA = new Environment("alpha", "CPU A", List.of("avx2", "fma"), 4, 8L << 30,
            "Test OS", "Test JDK 17", Map.of(), List.of(), new CpuClock(3200, "test"));
    /** A machine with a GPU: the machines table names it (model, memory, driver). */
    static final Environment BETA = new Environment("beta", "CPU B", List.of("avx2"), 4, 8L << 30, "Test OS",
            "Test JDK 17", Map.of(), List.of(new Gpus.Gpu(0, "Test GPU", "550.1", 8L << 30)));
    /** Two CPUs under one machine name, told apart only by their flags (a cloud's Zen 5 and Zen 4 EPYCs). */
    static final Environment ZEN5 = new Environment("vm", "AMD EPYC", List.of("avx512f", "avx512_vp2intersect"), 2,
            8L << 30, "Test OS", "Test JDK 17", Map.of(), List.of());
    static final Environment ZEN4 = new Environment("vm", "AMD EPYC", List.of("avx512f"), 2, 8L << 30, "Test OS",
            "Test JDK 17", Map.of(), List.of());
    static final BackendInfo DJL = engine("djl", "DJL 9.9 / PyTorch 9.9");
    static final BackendInfo TF = engine("tf", "TensorFlow Java 9.9 / TensorFlow 9.9");
    static final BackendInfo PYTORCH = engine("pytorch", "PyTorch 9.9");
    static final BackendInfo DL4J = engine("dl4j", "Deeplearning4j 9.9");
    /** Two epochs of batch 128 at lr 0.1, seed 42, shared dropout masks. */
    static final TrainConfig CONFIG = new TrainConfig(2, 128, 0.1, 42, 0, 0);

    private ReportFixtures() {
    }

    /** A record of {@link #CONFIG}, its wall-clock seconds all epochs' train and eval seconds plus 1.5 of start-up. */
    static RunRecord record(Environment machine, String runId, BackendInfo engine, EpochResult epoch) {
        return record(machine, runId, engine, CONFIG, epoch,
                epoch.epoch() * (epoch.trainSeconds() + epoch.evalSeconds()) + 1.5);
    }

    static RunRecord record(Environment machine, String runId, BackendInfo engine, TrainConfig config,
                            EpochResult epoch, Double wallSeconds) {
        NinSpec spec = NinSpec.d2l(96);
        return new RunRecord(RunRecord.SCHEMA, runId, "cpu", "2026-11-23T10:0" + epoch.epoch() + ":00Z", engine, spec,
                spec.parameterCount(), spec.forwardFlops(), config, 2, machine, epoch, wallSeconds);
    }

    /**
     * An epoch whose train accuracy is its test accuracy, 5 s of evaluation and 60 000 images, on a machine that
     * other processes left alone (1 % of its CPU).
     */
    static EpochResult epoch(int n, double accuracy, double trainSeconds) {
        return epoch(n, accuracy, trainSeconds, 0.01);
    }

    /** The same, with {@code othersCpuShare} of the machine taken by other processes (null: not measured). */
    static EpochResult epoch(int n, double accuracy, double trainSeconds, Double othersCpuShare) {
        return new EpochResult(n, 469, 0.5, accuracy, 0.5, accuracy, trainSeconds, 5.0, 60_000 / trainSeconds,
                othersCpuShare);
    }

    static BackendInfo engine(String name, String description) {
        return new BackendInfo(name, description, "9.9", "cpu", true, null, Map.of("threads.intraop", "2"), List.of("cpu"));
    }

    private static List<String> lines(Path file) throws java.io.IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllLines(file);
        }
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** RFC 4180 fields (quoted fields may hold commas and doubled quotes), one list per line; a .gz is unzipped. */
    static List<List<String>> csv(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines(file)) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            rows.add(fields);
        }
        return rows;
    }

    /** The report's two pages, the first page and the history, as one text: what a reader finds following the links. */
    static String pages(Path out) throws java.io.IOException {
        return java.nio.file.Files.readString(out.resolve("README.md")) + java.nio.file.Files.readString(out.resolve("history.md"));
    }
}
