package dev.ninbench.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

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
        this.outputShapes = inferShapes();
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

    private List<Shape> inferShapes() {
        List<Shape> shapes = new ArrayList<>();
        Shape in = new Shape(inChannels, inputSide, inputSide);
        Layer.NinBlock last = null;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Shape out;
            if (layer instanceof Layer.NinBlock b) {
                int h = Math.floorDiv(in.height() + 2 * b.padding() - b.kernel(), b.stride()) + 1;
                int w = Math.floorDiv(in.width() + 2 * b.padding() - b.kernel(), b.stride()) + 1;
                out = new Shape(b.outChannels(), h, w);
                last = b;
            } else if (layer instanceof Layer.MaxPool p) {
                int h = Math.floorDiv(in.height() - p.kernel(), p.stride()) + 1;
                int w = Math.floorDiv(in.width() - p.kernel(), p.stride()) + 1;
                out = new Shape(in.channels(), h, w);
            } else {
                out = in;
            }
            if (out.height() < 1 || out.width() < 1) {
                throw new IllegalArgumentException(String.format(
                        "%s at input side %d: layer %d (%s) gets %s and its output would be empty%s",
                        name, inputSide, i, layer, in, minimumSideHint()));
            }
            shapes.add(out);
            in = out;
        }
        if (last == null) {
            throw new IllegalArgumentException(name + ": a NiN needs at least one nin_block");
        }
        if (!(layers.get(layers.size() - 1) instanceof Layer.NinBlock)) {
            throw new IllegalArgumentException(name + ": the last layer must be a nin_block (its channels are the logits), got "
                    + layers.get(layers.size() - 1));
        }
        if (last.outChannels() != classes) {
            throw new IllegalArgumentException(name + ": the last nin_block has " + last.outChannels()
                    + " channels but the spec has " + classes + " classes; they must be equal");
        }
        return List.copyOf(shapes);
    }

    /** Whether every layer's output is non-empty at input side {@code side} (no exception, no recursion). */
    private boolean fits(int side) {
        int h = side;
        for (Layer layer : layers) {
            if (layer instanceof Layer.NinBlock b) {
                h = Math.floorDiv(h + 2 * b.padding() - b.kernel(), b.stride()) + 1;
            } else if (layer instanceof Layer.MaxPool p) {
                h = Math.floorDiv(h - p.kernel(), p.stride()) + 1;
            }
            if (h < 1) {
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

    /** The learnable tensors in PyTorch {@code state_dict} order, names and layouts. */
    @JsonIgnore
    public List<ParamShape> parameters() {
        List<ParamShape> params = new ArrayList<>();
        int channels = inChannels;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Layer.NinBlock b) {
                int[] kernels = {b.kernel(), 1, 1};
                for (int c = 0; c < 3; c++) {
                    int k = kernels[c];
                    String prefix = i + "." + (2 * c) + ".";
                    int fanIn = channels * k * k;
                    int fanOut = b.outChannels() * k * k;
                    params.add(new ParamShape(prefix + "weight", new int[] {b.outChannels(), channels, k, k},
                            fanIn, fanOut, false));
                    params.add(new ParamShape(prefix + "bias", new int[] {b.outChannels()}, fanIn, fanOut, true));
                    channels = b.outChannels();
                }
            }
        }
        return params;
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
        long flops = 0;
        int channels = inChannels;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Layer.NinBlock b) {
                Shape out = outputShapes.get(i);
                long pixels = (long) out.height() * out.width();
                flops += 2L * b.kernel() * b.kernel() * channels * b.outChannels() * pixels;
                flops += 2L * 2 * b.outChannels() * b.outChannels() * pixels;
                channels = b.outChannels();
            }
        }
        return flops;
    }

    /**
     * Activation values a training step keeps for one image: the resized input, each of a block's three convolution
     * outputs, each pool's and dropout's output. What memory a run needs grows with it ({@code train} refuses a run
     * the machine cannot hold).
     */
    @JsonIgnore
    public long activationElementsPerImage() {
        long elements = (long) inChannels * inputSide * inputSide;
        for (int i = 0; i < layers.size(); i++) {
            elements += (layers.get(i) instanceof Layer.NinBlock ? 3 : 1) * outputShapes.get(i).elements();
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
        return layers.stream().anyMatch(l -> l instanceof Layer.Dropout d && d.p() > 0);
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
