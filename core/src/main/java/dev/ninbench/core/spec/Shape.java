package dev.ninbench.core.spec;

/** Channels x height x width of one image's activation (the batch dimension is left out). */
public record Shape(int channels, int height, int width) {
    public long elements() {
        return (long) channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
