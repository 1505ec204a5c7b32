package dev.ninbench.core.worker;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.data.BatchFiles;
import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Safetensors;
import dev.ninbench.core.weights.Tensor;
import dev.ninbench.core.weights.XavierInit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jobs whose result is a file the launcher compares across engines ({@code nin-bench compare}): logits for
 * given weights and images, and the losses and final weights of a few SGD steps.
 */
final class OutputJobs {
    /** Images per logits call: bounds the engine's memory whatever {@code --n} is. */
    private static final int CHUNK = 64;

    private OutputJobs() {
    }

    static void logits(Job.Logits job, Backend backend) {
        Batch inputs = BatchFiles.read(Path.of(job.inputsFile()));
        float[] all = new float[inputs.size() * job.spec().classes()];
        try (Model model = backend.open(job.spec(), initialWeights(job.weightsFile(), job.spec(), job.config().seed()),
                job.modelOptions())) {
            for (int from = 0; from < inputs.size(); from += CHUNK) {
                int to = Math.min(inputs.size(), from + CHUNK);
                float[] part = model.logits(inputs.slice(from, to));
                System.arraycopy(part, 0, all, from * job.spec().classes(), part.length);
            }
        }
        write(job.outFile(), job.engine(),
                Map.of("logits", new Tensor(new int[] {inputs.size(), job.spec().classes()}, all)));
    }

    /**
     * SGD steps over consecutive batches; step s (1-based) with the shared dropout masks of (seed, epoch 1, step s),
     * the same on every engine and in PyTorch. A spec without dropout (compare --dropout off) uses none.
     */
    static void parity(Job.Parity job, Backend backend) {
        NinSpec spec = job.spec();
        Batch all = BatchFiles.read(Path.of(job.inputsFile()));
        int batch = job.config().batchSize();
        int steps = all.size() / batch;
        float[] losses = new float[steps];
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (Model model = backend.open(spec, initialWeights(job.weightsFile(), spec, job.config().seed()),
                job.modelOptions())) {
            for (int s = 0; s < steps; s++) {
                losses[s] = model.trainStep(all.slice(s * batch, (s + 1) * batch),
                        StepDropout.shared(job.config().seed(), 1, s + 1)).loss();
            }
            out.put("loss", new Tensor(new int[] {steps}, losses));
            out.putAll(model.weights().tensors());
        }
        write(job.outFile(), job.engine(), out);
    }

    /** The weights of {@code weightsFile}, or the seeded init when it is null. */
    private static NinWeights initialWeights(String weightsFile, NinSpec spec, long seed) {
        try {
            return weightsFile == null ? XavierInit.init(spec, seed) : Safetensors.readWeights(Path.of(weightsFile), spec);
        } catch (IOException e) {
            throw new UncheckedIOException(weightsFile + ": cannot read weights: " + e.getMessage(), e);
        }
    }

    /** The results in {@code outFile}, marked with the engine that computed them. */
    private static void write(String outFile, String engine, Map<String, Tensor> tensors) {
        try {
            Safetensors.write(Path.of(outFile), tensors, Map.of("engine", engine));
        } catch (IOException e) {
            throw new UncheckedIOException(outFile + ": cannot write results: " + e.getMessage(), e);
        }
    }
}
