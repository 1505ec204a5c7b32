package dev.ninbench.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The NiN as data: what every engine builds, and what shapes, parameter counts and FLOPs are computed from.
 *
 * <p>The network is {@code layers} in order, then a global average pool over the last block's output, whose
 * channels are the class logits (NiN has no dense layer). Every engine receives 28x28 images and resizes them
 * to {@code inputSide} itself (bilinear, PyTorch's {@code align_corners=False}).
 *
 * <p>The constructor checks the whole net and fails with a message naming the first layer that cannot work.
 */
public final class NinSpec {
    /** Fashion-MNIST's side; what a {@code Model} is always fed before its own resize. */
    public static final int SOURCE_SIDE = 28;

    private final String name;
    private final int inChannels;
    private final int inputSide;
    private final int classes;
    private final List<Layer> layers;
    private final List<Shape> outputShapes;
    private final List<NinOp> ops;

    @JsonCreator
    public NinSpec(@JsonProperty("name") String name,
                   @JsonProperty("inChannels") int inChannels,
                   @JsonProperty("inputSide") int inputSide,
                   @JsonProperty("classes") int classes,
                   @JsonProperty("layers") List<Layer> layers) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("spec name must not be empty");
        }
        this.name = name;
        if (inChannels <= 0 || classes <= 0) {
            throw new IllegalArgumentException(name + ": inChannels and classes must be > 0, got "
                    + inChannels + " and " + classes);
        }
        if (inputSide <= 0) {
            throw new IllegalArgumentException(name + ": input side must be > 0, got " + inputSide);
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException(name + ": a NiN needs at least one nin_block");
        }
        this.inChannels = inChannels;
        this.inputSide = inputSide;
        this.classes = classes;
        this.layers = List.copyOf(layers);
        List<Shape> shapes = new ArrayList<>();
        this.ops = expand(shapes);
        this.outputShapes = List.copyOf(shapes);
    }

    /** The d2l book's NiN (chapter "Network in Network") for 1-channel inputs of side {@code inputSide}. */
    public static NinSpec d2l(int inputSide) {
        return new NinSpec("d2l-nin", 1, inputSide, 10, List.of(
                new Layer.NinBlock(96, 11, 4, 0),
                new Layer.MaxPool(3, 2),
                new Layer.NinBlock(256, 5, 1, 2),
                new Layer.MaxPool(3, 2),
                new Layer.NinBlock(384, 3, 1, 1),
                new Layer.MaxPool(3, 2),
                new Layer.Dropout(0.5),
                new Layer.NinBlock(10, 3, 1, 1)));
    }

    /**
     * A NiN with every kind of layer the d2l net has (strided block, padded blocks, pools, dropout, GAP,
     * an up-sampling resize 28 -> 32) but ~3.7k parameters, so engine tests take milliseconds.
     */
    public static NinSpec tiny() {
        return new NinSpec("tiny-nin", 1, 32, 10, List.of(
                new Layer.NinBlock(8, 5, 2, 0),
                new Layer.MaxPool(3, 2),
                new Layer.NinBlock(16, 3, 1, 1),
                new Layer.MaxPool(3, 2),
                new Layer.Dropout(0.5),
                new Layer.NinBlock(10, 3, 1, 1)));
    }

    /** The same net for another input side (checked like any other spec). */
    public NinSpec withInputSide(int side) {
        return new NinSpec(name, inChannels, side, classes, layers);
    }

    /**
     * The same net with every dropout's p set to 0, for parity runs where engines' random masks would differ.
     * The layers stay in place so that the weight names (indices in the Sequential) do not change.
     */
    public NinSpec withoutDropout() {
        return new NinSpec(name, inChannels, inputSide, classes, layers.stream()
                .map(l -> l instanceof Layer.Dropout ? (Layer) new Layer.Dropout(0) : l).toList());
    }

    /** Expands every layer into its ops, checking each output is non-empty, and ends the net in the global pool. */
    private List<NinOp> expand(List<Shape> shapes) {
        List<NinOp> expanded = new ArrayList<>();
        Shape in = new Shape(inChannels, inputSide, inputSide);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            List<NinOp> layerOps = layer.ops(i, in);
            Shape out = NinOp.out(layerOps, in);
            if (out.height() < 1 || out.width() < 1) {
                throw new IllegalArgumentException(String.format(
                        "%s at input side %d: layer %d (%s) gets %s and its output would be empty%s",
                        name, inputSide, i, layer, in, minimumSideHint()));
            }
            expanded.addAll(layerOps);
            shapes.add(out);
            in = out;
        }
        // NiN has no dense layer: the last block's channels, averaged over the image, are the logits
        if (!(layers.get(layers.size() - 1) instanceof Layer.NinBlock last)) {
            throw new IllegalArgumentException(name + ": the last layer must be a nin_block (its channels are the logits), got "
                    + layers.get(layers.size() - 1));
        }
        if (last.outChannels() != classes) {
            throw new IllegalArgumentException(name + ": the last nin_block has " + last.outChannels()
                    + " channels but the spec has " + classes + " classes; they must be equal");
        }
        expanded.add(new NinOp.GlobalAveragePool(in));
        return List.copyOf(expanded);
    }

    /** Whether every layer's output is non-empty at input side {@code side} (no exception, no recursion). */
    private boolean fits(int side) {
        Shape in = new Shape(inChannels, side, side);
        for (int i = 0; i < layers.size(); i++) {
            in = NinOp.out(layers.get(i).ops(i, in), in);
            if (in.height() < 1 || in.width() < 1) {
                return false;
            }
        }
        return true;
    }

    private String minimumSideHint() {
        int min = minimumInputSide();
        return min > 0 ? "; the smallest input side this net accepts is " + min : "";
    }

    /** The smallest input side for which every layer's output is non-empty (0 if none up to 4096). */
    @JsonIgnore
    public int minimumInputSide() {
        for (int side = 1; side <= 4096; side++) {
            if (fits(side)) {
                return side;
            }
        }
        return 0;
    }

    /**
     * The net's forward pass in an engine's terms: {@code engine}'s method for each of {@link #ops()} in order,
     * from {@code input} (the resized images) to what its global average pool returns.
     */
    public <X> X forward(X input, NinOps<X> engine) {
        X x = input;
        for (NinOp op : ops) {
            x = op.apply(x, engine);
        }
        return x;
    }

    /** The operations engines run, in order: each layer's {@link Layer#ops}, then the global average pool. */
    @JsonIgnore
    public List<NinOp> ops() {
        return ops;
    }

    /** The convolutions, in order: each owns two of {@link #parameters()}. */
    @JsonIgnore
    public List<NinOp.Conv> convolutions() {
        return ops.stream().filter(NinOp.Conv.class::isInstance).map(NinOp.Conv.class::cast).toList();
    }

    /** The dropouts with p > 0, in order: what a training step draws masks for. */
    @JsonIgnore
    public List<NinOp.Dropout> dropouts() {
        return ops.stream().filter(NinOp.Dropout.class::isInstance).map(NinOp.Dropout.class::cast).toList();
    }

    /** The learnable tensors in PyTorch {@code state_dict} order, names and layouts. */
    @JsonIgnore
    public List<ParamShape> parameters() {
        return convolutions().stream().flatMap(c -> Stream.of(c.weight(), c.bias())).toList();
    }

    @JsonIgnore
    public long parameterCount() {
        return parameters().stream().mapToLong(ParamShape::elements).sum();
    }

    /**
     * Forward FLOPs for one image: the convolutions' multiply-adds counted as 2 FLOPs each, as the literature and
     * docs/engine-facts.md count them (bias, ReLU, pooling and the resize are under 1 % and left out).
     * A training step costs about 3x this.
     */
    @JsonIgnore
    public long forwardFlops() {
        return convolutions().stream().mapToLong(NinOp.Conv::flops).sum();
    }

    /**
     * Activation values a training step keeps for one image: the resized input and every op's output but the
     * logits. What memory a run needs grows with it ({@code train} refuses a run the machine cannot hold).
     */
    @JsonIgnore
    public long activationElementsPerImage() {
        long elements = (long) inChannels * inputSide * inputSide;
        for (NinOp op : ops.subList(0, ops.size() - 1)) {
            elements += op.out().elements();
        }
        return elements;
    }

    /** Output shape of each layer, for one image. */
    @JsonIgnore
    public List<Shape> outputShapes() {
        return outputShapes;
    }

    @JsonIgnore
    public boolean hasDropout() {
        return !dropouts().isEmpty();
    }

    @JsonProperty
    public String name() {
        return name;
    }

    @JsonProperty
    public int inChannels() {
        return inChannels;
    }

    @JsonProperty
    public int inputSide() {
        return inputSide;
    }

    @JsonProperty
    public int classes() {
        return classes;
    }

    @JsonProperty
    public List<Layer> layers() {
        return layers;
    }

    /** A readable table of the net: one row per layer with its output shape. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s: input %dx%dx%d (resized from %dx%d)%n", name, inChannels, inputSide, inputSide,
                SOURCE_SIDE, SOURCE_SIDE));
        for (int i = 0; i < layers.size(); i++) {
            sb.append(String.format("  %2d %-40s -> %s%n", i, layers.get(i), outputShapes.get(i)));
        }
        sb.append(String.format("     global average pool -> %d logits%n", classes));
        sb.append(String.format("  parameters %,d; forward %.1f MFLOP per image", parameterCount(), forwardFlops() / 1e6));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NinSpec s && name.equals(s.name) && inChannels == s.inChannels
                && inputSide == s.inputSide && classes == s.classes && layers.equals(s.layers);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + inputSide;
    }

    @Override
    public String toString() {
        return name + "@" + inputSide;
    }
}
