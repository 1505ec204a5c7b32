package dev.ninbench.core.worker;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Every training step's loss of one engine in a run: {@code steps/<engine>.csv} in the run directory, lines
 * {@code epoch,step,loss} (1-based; the loss as Java prints the float, which reads back exactly), under a header.
 * What the report's per-step loss and divergence charts are drawn from. Flushed at every epoch's end; a resumed run
 * first drops the lines of the epochs it trains again, so the file holds each step once.
 */
public final class StepLosses implements AutoCloseable {
    public static final String DIR = "steps";
    static final String HEADER = "epoch,step,loss";

    /** One step's loss as read back. */
    public record Step(int epoch, int step, float loss) {
    }

    private final BufferedWriter out;

    /** Opens {@code engine}'s file for epochs from {@code firstEpoch} on, keeping the lines of earlier epochs. */
    public StepLosses(Path runDir, String engine, int firstEpoch) {
        Path file = file(runDir, engine);
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                List<String> kept = new ArrayList<>(List.of(HEADER));
                for (Step s : read(file)) {
                    if (s.epoch() < firstEpoch) {
                        kept.add(line(s.epoch(), s.step(), s.loss()));
                    }
                }
                dev.ninbench.core.io.AtomicFiles.writeLines(file, kept);
            } else {
                Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
            }
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the per-step losses: " + e.getMessage(), e);
        }
    }

    public static Path file(Path runDir, String engine) {
        return runDir.resolve(DIR).resolve(engine + ".csv");
    }

    public void add(int epoch, int step, float loss) {
        try {
            out.write(line(epoch, step, loss));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the per-step losses: " + e.getMessage(), e);
        }
    }

    /** Called at an epoch's end: every step so far is on disk. */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the per-step losses: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the per-step losses: " + e.getMessage(), e);
        }
    }

    /**
     * Every step in {@code file}, in file order. A last line without its newline was cut off by a crash and is left
     * out; any other line that is not {@code epoch,step,loss} is an error naming the file and line.
     */
    public static List<Step> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the per-step losses: " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.equals(HEADER) || line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",");
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException();
                }
                steps.add(new Step(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Float.parseFloat(parts[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected epoch,step,loss, got '" + line
                        + "'");
            }
        }
        return steps;
    }

    private static String line(int epoch, int step, float loss) {
        return epoch + "," + step + "," + loss;
    }
}
