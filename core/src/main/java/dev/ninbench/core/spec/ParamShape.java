package dev.ninbench.core.spec;

import java.util.Arrays;

/**
 * One learnable tensor as PyTorch names and lays it out: conv weights {@code [out, in, kh, kw]}, biases {@code [out]}.
 * {@code fanIn}/{@code fanOut} are what PyTorch's initialisers use (in*kh*kw and out*kh*kw).
 */
public record ParamShape(String name, int[] shape, int fanIn, int fanOut, boolean bias) {
    public ParamShape {
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int elements() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamShape p && name.equals(p.name) && Arrays.equals(shape, p.shape)
                && fanIn == p.fanIn && fanOut == p.fanOut && bias == p.bias;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
