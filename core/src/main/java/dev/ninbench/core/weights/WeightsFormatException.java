package dev.ninbench.core.weights;

import java.nio.file.Path;

/**
 * A weights or tensor file that cannot be used as it is: not safetensors, bad header, unsupported dtype, offsets
 * that do not add up, or tensors that do not fit the spec. The message is one line that starts with the file and
 * says what was expected, so a user can act on it without a stack trace.
 */
public class WeightsFormatException extends IllegalArgumentException {
    private final transient Path file;

    public WeightsFormatException(Path file, String problem) {
        super(file + ": " + oneLine(problem));
        this.file = file;
    }

    public WeightsFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + oneLine(problem), cause);
        this.file = file;
    }

    /** The file that failed. */
    public Path file() {
        return file;
    }

    /** Messages from other libraries (Jackson) span lines; a CLI prints ours on one. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
