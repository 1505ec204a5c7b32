package dev.ninbench.core.worker;

import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.NinWeights;
import dev.ninbench.core.weights.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The weights of an engine after each finished epoch, kept in its run directory so that an interrupted run can go on
 * ({@code nin-bench train --resume}): {@code checkpoints/<engine>-epoch-<N>.safetensors}, in PyTorch's state_dict
 * names and layouts (any engine, or PyTorch, can load them), with the engine, run and epoch in the metadata.
 *
 * <p>Order on disk, so that a kill at any moment leaves something to resume from: the checkpoint of epoch N is
 * written (atomically) before epoch N's record, and the checkpoints before N - 1 are deleted only after that record
 * is on disk. So the last two recorded epochs have their checkpoints (a record line cut off by a crash still leaves
 * the epoch before it resumable; {@link ResumePoint}), and a run keeps at most three per engine (~8 MB each for the
 * d2l net).
 */
public final class Checkpoints {
    public static final String DIR = "checkpoints";
    private static final Pattern NAME = Pattern.compile("(.+)-epoch-(\\d+)\\.safetensors");

    private Checkpoints() {
    }

    public static Path file(Path runDir, String engine, int epoch) {
        return runDir.resolve(DIR).resolve(engine + "-epoch-" + epoch + ".safetensors");
    }

    static void write(Path runDir, String engine, String runId, int epoch, NinWeights weights) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("engine", engine);
        metadata.put("run", String.valueOf(runId));
        metadata.put("epoch", Integer.toString(epoch));
        Path file = file(runDir, engine, epoch);
        try {
            Safetensors.writeWeights(file, weights, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the checkpoint of epoch " + epoch + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code engine}'s checkpoints of epochs before {@code epoch}: that epoch's record is on disk now. */
    static void deleteBefore(Path runDir, String engine, int epoch) {
        Path dir = runDir.resolve(DIR);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches() && m.group(1).equals(engine) && Integer.parseInt(m.group(2)) < epoch) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // an old checkpoint left behind wastes disk space but loses nothing; the run goes on
        }
    }

    /** The weights {@code engine} had after {@code epoch}, checked against {@code spec}; a one-line error if absent. */
    public static NinWeights read(Path runDir, String engine, int epoch, NinSpec spec) {
        Path file = file(runDir, engine, epoch);
        try {
            return Safetensors.readWeights(file, spec);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + ": no checkpoint of " + engine + " after epoch " + epoch
                    + ", so it cannot go on from there; start a new run", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the checkpoint: " + e.getMessage(), e);
        }
    }
}
