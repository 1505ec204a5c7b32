package dev.ninbench.tf;

import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Device;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.engine.StepDropout;
import dev.ninbench.core.engine.StepResult;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** A NiN on TensorFlow: one {@link NinGraph} (of either variant's training) and the session that runs it. */
final class TfModel implements Model {
    private final NinSpec spec;
    private final NinGraph net;
    private final Session session;
    /** What {@link NinGraph#dropoutSeed} gets: the seed, and the count of training steps since it was set. */
    private long dropoutSeed;
    private long stepsSinceSeed;
    private boolean closed;

    TfModel(NinSpec spec, NinWeights init, ModelOptions options, NinGraph.Training training) {
        this.spec = spec;
        this.dropoutSeed = options.seed();
        this.net = new NinGraph(spec, (float) options.learningRate(), training);
        try {
            this.session = new Session(net.graph, sessionConfig(options.effectiveThreads(), options.device()));
            load(init);
        } catch (RuntimeException | Error e) {
            net.graph.close();
            throw e;
        }
    }

    /**
     * {@link #threads} as the run asks, and the device as {@link TfDevices#place} sets it: the graph names no device,
     * so on a GPU every op with a GPU kernel runs there, from the resize of the fed 28x28 batch to the SGD update, and
     * only the batch goes in and the loss comes out.
     */
    static ConfigProto sessionConfig(int threads, Device device) {
        return threads(TfDevices.place(ConfigProto.newBuilder(), device), threads).build();
    }

    /**
     * Intra-op threads (what one convolution uses) as the run asks; one inter-op thread, because a training step
     * is a chain of big ops and a second op in parallel would only take cores from the current one. Every session this
     * engine creates, the device listing's included, must ask for these: TensorFlow sizes its process-wide intra-op
     * and inter-op pools from the first session of the process and ignores the settings of every later one
     * (config.proto: "the first Session created in the process sets the number of threads for all future
     * sessions"; tensorflow/tensorflow#22229, #31478).
     */
    static ConfigProto.Builder threads(ConfigProto.Builder config, int threads) {
        return config.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(1);
    }

    /** Every variable from {@code weights} (kernels turned to HWIO) in one run of the assign ops. */
    private void load(NinWeights weights) {
        List<TFloat32> values = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (NinGraph.Param p : net.params) {
                Tensor t = weights.get(p.shape().name());
                float[] data = p.isKernel() ? KernelLayout.toHwio(t) : t.data();
                TFloat32 value = TFloat32.tensorOf(p.value().shape(), DataBuffers.of(data, true, false));
                values.add(value);
                runner.feed(p.value(), value).addTarget(p.load());
            }
            runner.run().close();
        } finally {
            values.forEach(TFloat32::close);
        }
    }

    @Override
    public void reseed(long seed) {
        requireOpen();
        dropoutSeed = seed;
        stepsSinceSeed = 0;
    }

    @Override
    public StepResult trainStep(Batch batch, StepDropout dropout) {
        requireOpen();
        List<TFloat32> masks = new ArrayList<>();
        try (TFloat32 images = images(batch);
             TInt32 labels = TInt32.tensorOf(Shape.of(batch.size()), DataBuffers.of(batch.labels(), true, false));
             TInt64 seed = TInt64.vectorOf(dropoutSeed, stepsSinceSeed++)) {
            Session.Runner runner = session.runner().feed(net.images, images).feed(net.labels, labels)
                    .feed(net.dropoutSeed, seed);
            if (dropout instanceof StepDropout.Shared shared) {
                // the suite's masks replace the graph's own draw (NHWC, as every activation here)
                net.dropoutMasks.forEach((dropoutOp, placeholder) -> {
                    dev.ninbench.core.spec.Shape in = dropoutOp.out();
                    TFloat32 mask = TFloat32.tensorOf(Shape.of(batch.size(), in.height(), in.width(), in.channels()),
                            DataBuffers.of(shared.maskNhwc(dropoutOp, batch.size()), true, false));
                    masks.add(mask);
                    runner.feed(placeholder, mask);
                });
            }
            try (Result result = runner.addTarget(net.sgdStep).fetch(net.loss).fetch(net.trainLogits).run()) {
                float[] logits = new float[batch.size() * spec.classes()];
                ((TFloat32) result.get(1)).copyTo(DataBuffers.of(logits, false, false));
                return new StepResult(((TFloat32) result.get(0)).getFloat(), logits);
            }
        } finally {
            masks.forEach(TFloat32::close);
        }
    }

    @Override
    public float[] logits(Batch batch) {
        requireOpen();
        try (TFloat32 images = images(batch);
             Result result = session.runner().feed(net.images, images).fetch(net.logits).run()) {
            float[] out = new float[batch.size() * spec.classes()];
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    @Override
    public NinWeights weights() {
        requireOpen();
        Session.Runner runner = session.runner();
        net.params.forEach(p -> runner.fetch(p.variable()));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < net.params.size(); i++) {
                NinGraph.Param p = net.params.get(i);
                TFloat32 value = (TFloat32) result.get(i);
                float[] data = new float[Math.toIntExact(value.size())];
                value.copyTo(DataBuffers.of(data, false, false));
                int[] torchShape = p.shape().shape();
                tensors.put(p.shape().name(), p.isKernel() ? KernelLayout.toOihw(data, torchShape)
                        : new Tensor(torchShape, data));
            }
        }
        return NinWeights.of(spec, tensors);
    }

    /**
     * The batch's NCHW {@code [n, 1, 28, 28]} floats as NHWC {@code [n, 28, 28, 1]}: with one channel both are the
     * same bytes, so the array goes to TensorFlow in one bulk copy, with no reordering.
     */
    private TFloat32 images(Batch batch) {
        if (spec.inChannels() != 1) {
            throw new IllegalStateException("batches are single-channel, but " + spec + " has "
                    + spec.inChannels() + " input channels");
        }
        return TFloat32.tensorOf(Shape.of(batch.size(), NinSpec.SOURCE_SIDE, NinSpec.SOURCE_SIDE, 1),
                DataBuffers.of(batch.images(), true, false));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this TensorFlow model is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            session.close();
            net.graph.close();
        }
    }
}
