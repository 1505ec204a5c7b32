package dev.ninbench.core.data;

/**
 * Every failure to find, read or verify data. The message is one line that names the file (full path) or place,
 * and what was expected versus what was found, so a caller can print it alone, without a stack trace.
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(oneLine(message));
    }

    public DatasetException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Folds line breaks (e.g. from a wrapped I/O exception's message) so the message stays one line. */
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
