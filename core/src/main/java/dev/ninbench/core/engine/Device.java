package dev.ninbench.core.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an engine computes: the CPU, or one GPU by its CUDA index. Written {@code cpu}, {@code gpu} (the first GPU)
 * or {@code gpu:N}, on the command line and in jobs and records alike.
 *
 * <p>An engine given a GPU it cannot use refuses with {@link UnsupportedDeviceException}; none falls back to the CPU
 * on its own, because a benchmark that quietly ran somewhere else would report the wrong machine.
 */
public record Device(Kind kind, int index) {
    public enum Kind { CPU, GPU }

    public static final Device CPU = new Device(Kind.CPU, 0);

    public Device {
        if (kind == null) {
            throw new IllegalArgumentException("device kind must not be null");
        }
        if (index < 0 || kind == Kind.CPU && index != 0) {
            throw new IllegalArgumentException("bad device index " + index + " for " + kind);
        }
    }

    public static Device gpu(int index) {
        return new Device(Kind.GPU, index);
    }

    /** {@code cpu}, {@code gpu} or {@code gpu:N}, case-insensitive; anything else is an error listing those. */
    @JsonCreator
    public static Device parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.equals("gpu")) {
            return gpu(0);
        }
        if (s.startsWith("gpu:") && s.length() > 4 && s.substring(4).chars().allMatch(Character::isDigit)
                && s.length() <= 12) {
            return gpu(Integer.parseInt(s.substring(4)));
        }
        throw new IllegalArgumentException("unknown device '" + text + "'; expected cpu, gpu or gpu:N (N = 0, 1, ...)");
    }

    public boolean isGpu() {
        return kind == Kind.GPU;
    }

    @JsonValue
    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "gpu:" + index;
    }
}
