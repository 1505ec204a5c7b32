package dev.ninbench.bench.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PyTorch running the d2l code (bench/src/main/python/nin_reference.py) as one more child process, writing the same
 * safetensors files as the engine JVMs. Optional: it needs a python3 that imports torch (Debian: python3-torch and
 * libopenblas0-pthread), and when there is none, {@link #unavailableReason()} says so plainly.
 */
public final class PyTorchReference {
    public static final String NAME = "pytorch";
    private final String python;

    public PyTorchReference(String python) {
        this.python = python;
    }

    /** Null when {@code python} imports torch; otherwise one line saying why not. */
    public String unavailableReason() {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return python + " did not answer within 120 s";
            }
            if (p.exitValue() != 0) {
                String[] lines = out.split("\\R");
                return python + " cannot import torch (" + lines[lines.length - 1]
                        + "); on Debian: apt-get install python3-torch libopenblas0-pthread";
            }
            return null;
        } catch (IOException e) {
            return "no " + python + " (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Runs the reference with {@code args} after its own; returns null on success, else one line saying why not. */
    public String run(Path workDir, List<String> args) {
        Path log = workDir.resolve(NAME + ".log");
        try {
            Path script = workDir.resolve("nin_reference.py");
            try (InputStream in = PyTorchReference.class.getResourceAsStream("/python/nin_reference.py")) {
                if (in == null) {
                    return "nin_reference.py is missing from the bench jar";
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            int status = p.waitFor();
            if (status == 0) {
                return null;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "PyTorch reference " + EngineLauncher.describeExit(status)
                    + (lines.isEmpty() ? "" : "; last line of " + log + ": " + lines.get(lines.size() - 1).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(log + ": cannot run the PyTorch reference: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
