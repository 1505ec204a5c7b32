package dev.ninbench.bench.results;

import dev.ninbench.engineside.ColdStartEvent;
import java.util.List;
import java.util.Map;

/**
 * One engine's cold start in a throughput run ({@link dev.ninbench.bench.throughput.ColdStart}): fresh processes of it, one after another (a JVM of
 * the engine; python for PyTorch's d2l code), each timed from the moment the launcher started it to each
 * {@link ColdStartEvent}, so every figure includes the process's own start (the JVM's boot, python's).
 *
 * @param batchSize the batch of the first training step and the first inference
 * @param inputSide the net's input side
 * @param natives   each finished process's milliseconds to {@link ColdStartEvent#NATIVES}, in the order they ran
 * @param model     the same to {@link ColdStartEvent#MODEL}
 * @param trainStep the same to {@link ColdStartEvent#TRAIN_STEP}
 * @param inference the same to {@link ColdStartEvent#INFERENCE}
 * @param failure   why the last process started failed (none was started after it), in one line naming the engine;
 *                  null when none failed
 */
public record ColdStartRow(int batchSize, int inputSide, List<Long> natives, List<Long> model, List<Long> trainStep,
                           List<Long> inference, String failure) {
    public ColdStartRow {
        natives = natives == null ? List.of() : List.copyOf(natives);
        model = model == null ? List.of() : List.copyOf(model);
        trainStep = trainStep == null ? List.of() : List.copyOf(trainStep);
        inference = inference == null ? List.of() : List.copyOf(inference);
        if (model.size() != natives.size() || trainStep.size() != natives.size() || inference.size() != natives.size()) {
            throw new IllegalArgumentException("a cold start needs every event of every finished process; got "
                    + natives + ", " + model + ", " + trainStep + ", " + inference);
        }
    }

    /** From each finished process's milliseconds to each event, in the order they ran. */
    public static ColdStartRow of(int batchSize, int inputSide, List<Map<ColdStartEvent, Long>> finished, String failure) {
        return new ColdStartRow(batchSize, inputSide, each(finished, ColdStartEvent.NATIVES),
                each(finished, ColdStartEvent.MODEL), each(finished, ColdStartEvent.TRAIN_STEP),
                each(finished, ColdStartEvent.INFERENCE), failure);
    }

    private static List<Long> each(List<Map<ColdStartEvent, Long>> finished, ColdStartEvent event) {
        return finished.stream().map(run -> run.get(event)).toList();
    }

    /** The processes that reached every event. */
    public int runs() {
        return natives.size();
    }

    public boolean ok() {
        return failure == null;
    }

    /** Each finished process's milliseconds to {@code event}. */
    public List<Long> millis(ColdStartEvent event) {
        return switch (event) {
            case NATIVES -> natives;
            case MODEL -> model;
            case TRAIN_STEP -> trainStep;
            case INFERENCE -> inference;
        };
    }

    /** The median of the processes' milliseconds to {@code event} and their whole range; null when none finished. */
    public MedianInterval spread(ColdStartEvent event) {
        return MedianInterval.ofRange(millis(event).stream().map(Long::doubleValue).toList());
    }

    /** "812 [790-830]": the median and range of the milliseconds to {@code event} ("812" for one process; "-" for none). */
    public String format(ColdStartEvent event) {
        MedianInterval spread = spread(event);
        return spread == null ? "-" : spread.format(0);
    }
}
