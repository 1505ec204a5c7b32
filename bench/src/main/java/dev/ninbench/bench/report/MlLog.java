package dev.ninbench.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ninbench.core.data.FashionMnist;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.train.EpochResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A training run as MLPerf's logging library writes one ({@code :::MLLOG} lines, mlperf_logging's keys), so that
 * MLPerf's tools can read it. The times come from the run records: an epoch's record is written when its evaluation
 * ends, and it holds its training and evaluation seconds, and the seconds since the engine's process started.
 *
 * <p>There is no separate initialisation: {@code run_start} is the engine process's start, so MLPerf's time to
 * train (run_start to run_stop) is the report's wall-clock time to accuracy, start-up included. {@code run_stop}
 * is the end of the first epoch whose test accuracy reaches the target ({@code status: success}), else of the last
 * recorded epoch ({@code aborted}); later epochs are not logged, as MLPerf stops at the target.
 */
public final class MlLog {
    /** The report's folder of logs: one {@code <run>/<engine>.log} per training run and engine. */
    public static final String DIR = "mllog";

    private MlLog() {
    }

    /** Writes a log per run that has wall-clock seconds (records before them cannot place run_start); returns them. */
    static List<Path> write(List<TrainedEngine> runs, Path dir, double target) throws IOException {
        List<Path> written = new ArrayList<>();
        for (TrainedEngine run : runs) {
            if (run.epochs().isEmpty() || run.wallSeconds().get(0) == null) {
                continue;
            }
            Path file = dir.resolve(run.runId()).resolve(run.engine().name() + ".log");
            Files.createDirectories(file.getParent());
            written.add(Report.writeString(file, String.join("\n", lines(run, target)) + "\n"));
        }
        return written;
    }

    /** The {@code :::MLLOG} lines of one run. */
    public static List<String> lines(TrainedEngine run, double target) {
        List<String> out = new ArrayList<>();
        List<EpochResult> epochs = run.epochs();
        long firstEnd = millis(run.epochEnds().get(0));
        long start = firstEnd - Math.round(run.wallSeconds().get(0) * 1000);
        String source = run.runId() + "/records.jsonl";
        out.add(line(start, "INTERVAL_START", "init_start", null, Map.of(), source));
        out.add(line(start, "POINT_IN_TIME", "submission_benchmark", "nin_fashion_mnist", Map.of(), source));
        out.add(line(start, "POINT_IN_TIME", "submission_platform", ReportTables.machine(run.machine()), Map.of(),
                source));
        out.add(line(start, "POINT_IN_TIME", "submission_framework", run.engine().engine(), Map.of(), source));
        out.add(line(start, "POINT_IN_TIME", "seed", run.config().seed(), Map.of(), source));
        out.add(line(start, "POINT_IN_TIME", "global_batch_size", run.batchSize(), Map.of(), source));
        out.add(line(start, "POINT_IN_TIME", "opt_name", "sgd", Map.of(), source));
        out.add(line(start, "POINT_IN_TIME", "opt_base_learning_rate", run.config().learningRate(), Map.of(), source));
        out.add(line(start, "POINT_IN_TIME", "train_samples", samples(run.config().trainLimit(),
                FashionMnist.TRAIN.count()), Map.of(), source));
        out.add(line(start, "POINT_IN_TIME", "eval_samples", samples(run.config().testLimit(),
                FashionMnist.TEST.count()), Map.of(), source));
        out.add(line(start, "INTERVAL_END", "init_stop", null, Map.of(), source));
        out.add(line(start, "INTERVAL_START", "run_start", null, Map.of(), source));
        String status = "aborted";
        long stop = start;
        for (int i = 0; i < epochs.size(); i++) {
            EpochResult e = epochs.get(i);
            long end = millis(run.epochEnds().get(i));
            long evalStart = end - Math.round(e.evalSeconds() * 1000);
            long trainStart = evalStart - Math.round(e.trainSeconds() * 1000);
            Map<String, Object> epoch = Map.of("epoch_num", e.epoch());
            out.add(line(trainStart, "INTERVAL_START", "epoch_start", null, epoch, source));
            out.add(line(evalStart, "INTERVAL_END", "epoch_stop", null, epoch, source));
            out.add(line(evalStart, "INTERVAL_START", "eval_start", null, epoch, source));
            out.add(line(end, "INTERVAL_END", "eval_stop", null, epoch, source));
            out.add(line(end, "POINT_IN_TIME", "eval_accuracy", e.testAccuracy(), epoch, source));
            stop = end;
            if (e.testAccuracy() >= target) {
                status = "success";
                break;
            }
        }
        out.add(line(stop, "INTERVAL_END", "run_stop", null, Map.of("status", status), source));
        return out;
    }

    private static int samples(int limit, int all) {
        return limit > 0 ? Math.min(limit, all) : all;
    }

    private static long millis(String isoInstant) {
        return Instant.parse(isoInstant).toEpochMilli();
    }

    private static String line(long timeMs, String eventType, String key, Object value, Map<String, Object> metadata,
                               String source) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("namespace", "");
        node.put("time_ms", timeMs);
        node.put("event_type", eventType);
        node.put("key", key);
        node.set("value", Json.MAPPER.valueToTree(value));
        ObjectNode meta = node.putObject("metadata");
        meta.put("file", source);
        meta.put("lineno", 0);
        metadata.forEach((k, v) -> meta.set(k, Json.MAPPER.valueToTree(v)));
        try {
            return ":::MLLOG " + Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
