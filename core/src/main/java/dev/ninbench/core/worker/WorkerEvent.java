package dev.ninbench.core.worker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.record.Json;
import dev.ninbench.core.train.EpochResult;

/**
 * One line an engine JVM writes on its standard output for the launcher: progress, results, or the reason it failed.
 * Lines that do not parse as events (a native library printing to stdout) are passed on to the engine's log.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerEvent(String event, BackendInfo info, Integer epoch, Integer step, Integer steps, Float loss,
                          Double imagesPerSecond, EpochResult result, String message) {
    public static final String INFO = "info";
    public static final String STEP = "step";
    public static final String EPOCH = "epoch";
    public static final String DONE = "done";
    public static final String ERROR = "error";

    public static WorkerEvent info(BackendInfo info) {
        return new WorkerEvent(INFO, info, null, null, null, null, null, null, null);
    }

    public static WorkerEvent step(int epoch, int step, int steps, float loss, double imagesPerSecond) {
        return new WorkerEvent(STEP, null, epoch, step, steps, loss, imagesPerSecond, null, null);
    }

    public static WorkerEvent epoch(EpochResult result) {
        return new WorkerEvent(EPOCH, null, result.epoch(), null, null, null, null, result, null);
    }

    public static WorkerEvent done() {
        return new WorkerEvent(DONE, null, null, null, null, null, null, null, null);
    }

    public static WorkerEvent error(String message) {
        return new WorkerEvent(ERROR, null, null, null, null, null, null, null, message);
    }

    /** This event as the one line the worker writes for it. */
    public String toJsonLine() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            return "{\"event\":\"error\",\"message\":\"cannot serialise event: " + e.getOriginalMessage() + "\"}";
        }
    }

    /** The event a line of an engine JVM's standard output holds, or null when it holds none. */
    public static WorkerEvent parseLine(String line) {
        if (!line.startsWith("{\"event\"")) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(line, WorkerEvent.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
