package dev.ninbench.core.worker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.train.EpochResult;

/**
 * One line an engine JVM writes on its standard output for the launcher: progress, results, or the reason it failed.
 * One record per kind of event, told apart on the wire by {@code event} ({@code info}, {@code step},
 * {@code epoch}, {@code done}, {@code error}), which comes first in the line. Lines that do not parse as events (a
 * native library printing to stdout) are passed on to the engine's log.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({@JsonSubTypes.Type(WorkerEvent.Info.class), @JsonSubTypes.Type(WorkerEvent.Step.class),
        @JsonSubTypes.Type(WorkerEvent.Epoch.class), @JsonSubTypes.Type(WorkerEvent.Done.class),
        @JsonSubTypes.Type(WorkerEvent.Error.class)})
public sealed interface WorkerEvent permits WorkerEvent.Info, WorkerEvent.Step, WorkerEvent.Epoch, WorkerEvent.Done,
        WorkerEvent.Error {

    /**
     * What the engine is and whether it can run here: the first event of every job.
     *
     * @param info the engine's name, version, device and settings, or why it is unavailable
     */
    @JsonTypeName("info")
    record Info(BackendInfo info) implements WorkerEvent {
    }

    /**
     * Training progress, at most a few times a second (and at each epoch's last step), for a progress bar.
     *
     * @param epoch           the epoch (1-based)
     * @param step            the step within the epoch (1-based)
     * @param steps           the epoch's steps
     * @param loss            this step's training loss
     * @param imagesPerSecond the epoch's training speed so far
     */
    @JsonTypeName("step")
    record Step(int epoch, int step, int steps, float loss, double imagesPerSecond) implements WorkerEvent {
    }

    /**
     * An epoch finished, its checkpoint and record written.
     *
     * @param result the epoch's losses, accuracies and times
     */
    @JsonTypeName("epoch")
    record Epoch(EpochResult result) implements WorkerEvent {
    }

    /** The job finished; the JVM exits with status 0. */
    @JsonTypeName("done")
    record Done() implements WorkerEvent {
    }

    /**
     * The job failed; the last event before the JVM exits with a non-zero status.
     *
     * @param message why, in one line
     */
    @JsonTypeName("error")
    record Error(String message) implements WorkerEvent {
    }

    /** This event as the one line the worker writes for it. */
    default String toJsonLine() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            return "{\"event\":\"error\",\"message\":\"cannot serialise event: " + e.getOriginalMessage() + "\"}";
        }
    }

    /** The event a line of an engine JVM's standard output holds, or null when it holds none. */
    static WorkerEvent parseLine(String line) {
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
