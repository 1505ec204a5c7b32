package dev.ninbench.core.engine;

/**
 * What one training step computed, before its update: the mean cross-entropy, materialised on the host (so the step
 * is finished), and the train-mode logits it was computed from ({@code [n x classes]} row-major), from which the
 * trainer counts the epoch's train accuracy as d2l's {@code train_ch6} does.
 */
public record StepResult(float loss, float[] logits) {
}
