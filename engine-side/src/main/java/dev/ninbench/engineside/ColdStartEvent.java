package dev.ninbench.engineside;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ninbench.core.json.Json;
import java.util.Arrays;

/**
 * The moments of a cold start, in the order a fresh process reaches them: {@code ColdStartMain} in an engine's JVM,
 * {@code nin_coldstart.py} for PyTorch. The process announces each on its standard output as it reaches it, in one
 * line holding the wall-clock time (ms since the epoch): {@code {"coldStart":"natives","epochMillis":1764489600123}};
 * The launcher's {@code ColdStart} turns that into milliseconds since it started the process. A process that fails says why in a
 * line {@code {"coldStart":"failed","message":"..."}} before it exits.
 */
public enum ColdStartEvent {
    /** The engine's native libraries loaded and its threads set (PyTorch: torch imported, its threads set). */
    NATIVES("natives", "natives loaded"),
    /** The d2l NiN built on the engine with its initial weights. */
    MODEL("model", "model built"),
    /** The first training step done: forward, loss, backward and SGD update, its loss on the host. */
    TRAIN_STEP("trainStep", "first train step"),
    /** The first inference done: eval-mode logits of a batch, on the host. */
    INFERENCE("inference", "first inference");

    /** The key that tells a cold-start line from anything else a process prints. */
    public static final String KEY = "coldStart";
    /** The {@link #KEY} value of a failure line. */
    public static final String FAILED = "failed";

    private final String label;
    private final String words;

    ColdStartEvent(String label, String words) {
        this.label = label;
        this.words = words;
    }

    /** The event's name in the processes' lines and in {@code throughput.json}: {@code natives}, {@code trainStep}. */
    public String label() {
        return label;
    }

    /** The event in a few words, for tables: "natives loaded", "first train step". */
    public String words() {
        return words;
    }

    /**
     * The line announcing this event at {@code epochMillis}. Made by hand, not by a JSON library: loading one would
     * add its class loading to the time of the next event.
     */
    public String line(long epochMillis) {
        return "{\"" + KEY + "\":\"" + label + "\",\"epochMillis\":" + epochMillis + "}";
    }

    /** The line saying why the process failed (the process is failing: the time it takes no longer matters). */
    public static String failureLine(String message) {
        try {
            // the key first: a reader tells the line by its start
            return Json.MAPPER.writeValueAsString(Json.MAPPER.createObjectNode().put(KEY, FAILED).put("message", message));
        } catch (JsonProcessingException e) {
            return "{\"" + KEY + "\":\"" + FAILED + "\",\"message\":\"(unprintable) " + e.getOriginalMessage() + "\"}";
        }
    }

    /** The event called {@code label}, or null for none of these. */
    public static ColdStartEvent of(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst().orElse(null);
    }
}
