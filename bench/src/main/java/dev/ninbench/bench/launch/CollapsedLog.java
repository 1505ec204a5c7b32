package dev.ninbench.bench.launch;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * An engine's log file in the run directory, appended to line by line, with a run of identical lines written once
 * and then {@code ... (repeated N times)}, N the copies left out: a native library that warns on every call (libtorch's
 * "Could not initialize NNPACK!" in each latency iteration) writes one line and a count, not 20,000 lines. Each
 * line is flushed as it comes, so the log can be read while its process runs; the count of a run still going is
 * written when another line comes or the log is closed.
 */
public final class CollapsedLog implements Closeable {
    private final BufferedWriter out;
    private String last;
    private long repeats;

    private CollapsedLog(BufferedWriter out) {
        this.out = out;
    }

    /** The log {@code file}, created if need be, appended to. */
    public static CollapsedLog append(Path file) throws IOException {
        return new CollapsedLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    /** Writes {@code line}, or counts it when it is the line written last. */
    public synchronized void line(String line) throws IOException {
        if (line.equals(last)) {
            repeats++;
            return;
        }
        writeRepeats();
        out.write(line);
        out.newLine();
        out.flush();
        last = line;
    }

    /**
     * Copies the lines of {@code in} (a process's standard error) to this log in a thread of its own, which ends with
     * the stream; join it before closing the log.
     */
    public Thread copy(InputStream in) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    line(line);
                }
            } catch (IOException e) {
                // the process is gone or the log cannot be written: what was written stays
            }
        }, "nin-bench-log");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            writeRepeats();
        } finally {
            out.close();
        }
    }

    private void writeRepeats() throws IOException {
        if (repeats > 0) {
            out.write(repeated(repeats));
            out.newLine();
            out.flush();
            repeats = 0;
        }
    }

    /** The line that stands for {@code n} more copies of the line above it. */
    static String repeated(long n) {
        return String.format(Locale.ROOT, "... (repeated %,d times)", n);
    }

}
