package dev.ninbench.bench.report;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.worker.StepLosses;
import dev.ninbench.core.worker.StepLosses.Step;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every training step's loss of each engine (PyTorch included) in one training run directory, from its
 * {@code steps/<engine>.csv}, and the curves the loss and divergence charts draw from them.
 *
 * @param byEngine engine name to its steps in file order, for the engines of the run's records whose file is readable
 *                 and holds a step, in the records' order; empty for runs made before the steps were kept
 */
public record RunSteps(String runId, Map<String, List<Step>> byEngine) {
    /** The loss chart's moving-average window: one step's loss jumps with its batch, 20 show the trend. */
    public static final int SMOOTHING_STEPS = 20;
    /**
     * Where the divergence chart draws a zero or tinier difference: a log axis has no zero, and below this the
     * difference is rounding of float32 losses near 1, not a different computation.
     */
    public static final double DIVERGENCE_FLOOR = 1e-9;

    /** One line of a chart: x as global steps (the steps of earlier epochs added), y per step. */
    public record StepCurve(double[] globalSteps, double[] values) {
    }

    /**
     * The steps of the engines of {@code records} (one run directory's) in {@code dir}. A missing file is no
     * error (runs from before they were kept, or an engine that finished no epoch); an unreadable or malformed one
     * is one line to {@code onMalformed}, naming the file, and that engine is left out of the run's step charts.
     */
    public static RunSteps read(Path dir, List<RunRecord> records, Consumer<String> onMalformed) {
        Map<String, List<Step>> byEngine = new LinkedHashMap<>();
        records.stream().map(r -> r.engine().name()).distinct().forEach(engine -> {
            Path file = StepLosses.file(dir, engine);
            if (Files.isRegularFile(file)) {
                try {
                    List<Step> steps = StepLosses.read(file);
                    if (!steps.isEmpty()) { // a header alone: the engine stopped within its first epoch
                        byEngine.put(engine, List.copyOf(steps));
                    }
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    onMalformed.accept(e.getMessage() + "; " + engine + " left out of the step charts of "
                            + records.get(0).runId());
                }
            }
        });
        return new RunSteps(records.get(0).runId(), byEngine);
    }

    /** {@link #DIVERGENCE_FLOOR} as the chart and README write it: "1e-9". */
    public static String floor() {
        return String.format(Locale.ROOT, "%.0e", DIVERGENCE_FLOOR).replace("e-0", "e-");
    }

    public boolean hasReference() {
        return byEngine.containsKey(EngineName.PYTORCH);
    }

    /** The engines besides PyTorch, in order: the divergence chart's lines. */
    public List<String> comparedEngines() {
        return byEngine.keySet().stream().filter(engine -> !engine.equals(EngineName.PYTORCH)).toList();
    }

    /** The engine's loss per step, as a trailing mean over {@link #SMOOTHING_STEPS} steps. */
    public StepCurve smoothedLoss(String engine) {
        List<Step> steps = byEngine.get(engine);
        double[] losses = steps.stream().mapToDouble(Step::loss).toArray();
        return new StepCurve(globalSteps(steps), movingAverage(losses, SMOOTHING_STEPS));
    }

    /** The engine's |loss - PyTorch's loss| per step; requires {@link #hasReference()}. */
    public StepCurve divergence(String engine) {
        return divergence(byEngine.get(engine), byEngine.get(EngineName.PYTORCH));
    }

    /**
     * |loss - reference's loss| at each of {@code steps}' steps that the reference also has (matched by epoch and
     * step, so a run one side stopped early still lines up), at least {@link #DIVERGENCE_FLOOR}.
     */
    static StepCurve divergence(List<Step> steps, List<Step> reference) {
        Map<List<Integer>, Float> referenceLoss = new HashMap<>();
        reference.forEach(s -> referenceLoss.put(List.of(s.epoch(), s.step()), s.loss()));
        double[] x = globalSteps(steps);
        int n = 0;
        double[] matchedX = new double[steps.size()];
        double[] difference = new double[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            Float other = referenceLoss.get(List.of(steps.get(i).epoch(), steps.get(i).step()));
            if (other != null) {
                matchedX[n] = x[i];
                difference[n++] = Math.max(Math.abs((double) steps.get(i).loss() - other), DIVERGENCE_FLOOR);
            }
        }
        return new StepCurve(Arrays.copyOf(matchedX, n), Arrays.copyOf(difference, n));
    }

    /**
     * Each step's global number: its step within the epoch plus the steps of the epochs before it (each as many as
     * its highest step number), so the epochs of a run lie end to end on one axis.
     */
    static double[] globalSteps(List<Step> steps) {
        double[] x = new double[steps.size()];
        int offset = 0;
        int epoch = steps.isEmpty() ? 0 : steps.get(0).epoch();
        int lastStepOfEpoch = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.epoch() != epoch) {
                offset += lastStepOfEpoch;
                epoch = s.epoch();
                lastStepOfEpoch = 0;
            }
            lastStepOfEpoch = Math.max(lastStepOfEpoch, s.step());
            x[i] = offset + s.step();
        }
        return x;
    }

    /** The mean of each value and the up to {@code window - 1} before it. */
    static double[] movingAverage(double[] values, int window) {
        double[] mean = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            if (i >= window) {
                sum -= values[i - window];
            }
            mean[i] = sum / Math.min(i + 1, window);
        }
        return mean;
    }
}
