package dev.ninbench.bench.pytorch;

import dev.ninbench.bench.launch.EngineLauncher;
import dev.ninbench.core.engine.EngineName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PyTorch running the d2l code (bench/src/main/python/nin_reference.py) as one more child process, writing the same
 * safetensors files as the engine JVMs. Optional: it needs a python3 that imports torch (Debian: python3-torch and
 * libopenblas0-pthread), and when there is none, {@link #unavailableReason()} says so plainly.
 */
public final class PyTorchReference {
    /** The bench jar's python scripts; the others import nin_reference.py, so all go together. */
    private static final List<String> SCRIPTS = List.of("nin_reference.py", "nin_throughput.py", "nin_train.py",
            "nin_coldstart.py");
    private final String python;

    public PyTorchReference(String python) {
        this.python = python;
    }

    /** Null when {@code python} imports torch; otherwise one line saying why not. */
    public String unavailableReason() {
        return torch().unavailable();
    }

    /**
     * What {@code python} says of its torch.
     *
     * @param version     torch's version; null when it cannot be imported
     * @param unavailable null when torch imports; otherwise one line saying why not, with the Debian packages to install
     */
    public record Torch(String version, String unavailable) {
    }

    /** Asks {@code python} to import torch and print its version. */
    public Torch torch() {
        try {
            Answer a = ask("import torch; print(torch.__version__)");
            if (a == null) {
                return new Torch(null, python + " did not answer within 120 s");
            }
            String[] lines = a.out().split("\\R"); // torch may warn first: the version, or the error, is last
            String last = lines[lines.length - 1].strip();
            if (a.exitValue() == 0) {
                return new Torch(last, null);
            }
            // a python that ran and failed to import says so in a traceback; anything else never got to torch
            return last.contains("Error") ? new Torch(null, python + " cannot import torch (" + last + "); on Debian: "
                    + "apt-get install python3-torch libopenblas0-pthread")
                    : new Torch(null, python + " is not a working python (exit status " + a.exitValue()
                    + (last.isEmpty() ? ", no output" : ": " + last) + "); --python takes a python 3 that imports torch");
        } catch (IOException e) {
            return new Torch(null, "no " + python + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Null when {@code python}'s torch has {@code torch.compile} (2.0 and later); otherwise why not, in a few words
     * ("torch 1.13.0a0 has no torch.compile (2.0 and later)").
     */
    public String lacksCompile() {
        try {
            Answer a = ask("import torch; print(hasattr(torch, 'compile'), torch.__version__)");
            if (a == null || a.exitValue() != 0) {
                return python + " did not say whether its torch has torch.compile";
            }
            String[] lines = a.out().strip().split("\\R"); // torch may warn on stderr first: the answer is last
            String[] words = lines[lines.length - 1].strip().split("\\s+");
            return words[0].equals("True") ? null
                    : "torch " + words[words.length - 1] + " has no torch.compile (2.0 and later)";
        } catch (IOException e) {
            return "no " + python + " (" + e.getMessage() + ")";
        }
    }

    private record Answer(int exitValue, String out) {
    }

    /** {@code python -c code}: its exit value and output; null when it did not end within 120 s. */
    private Answer ask(String code) throws IOException {
        Process p = new ProcessBuilder(python, "-c", code).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return null;
        }
        return new Answer(p.exitValue(), out);
    }

    /**
     * Starts one of the bench jar's python scripts in {@code workDir}, copied into its {@code tmp/} folder (git-ignored,
     * not kept with the results) with the scripts it imports; its standard error goes to {@code pytorch.log} there,
     * its standard output to {@code stdout}.
     */
    public Process start(Path workDir, String script, List<String> args, ProcessBuilder.Redirect stdout)
            throws IOException {
        return start(workDir, script, args, stdout, ProcessBuilder.Redirect.appendTo(log(workDir).toFile()));
    }

    /** {@link #start(Path, String, List, ProcessBuilder.Redirect)}, its standard error going to {@code stderr}. */
    public Process start(Path workDir, String script, List<String> args, ProcessBuilder.Redirect stdout,
                         ProcessBuilder.Redirect stderr) throws IOException {
        return start(workDir, script, args, stdout, stderr, Map.of());
    }

    /** As above, with {@code envDefaults} set in its environment where the user's environment lacks them. */
    private Process start(Path workDir, String script, List<String> args, ProcessBuilder.Redirect stdout,
                          ProcessBuilder.Redirect stderr, Map<String, String> envDefaults) throws IOException {
        Path scripts = Files.createDirectories(workDir.resolve("tmp"));
        for (String name : SCRIPTS) {
            try (InputStream in = PyTorchReference.class.getResourceAsStream("/python/" + name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the bench jar");
                }
                Files.copy(in, scripts.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(python, scripts.resolve(script).toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(stderr).redirectOutput(stdout);
        envDefaults.forEach(pb.environment()::putIfAbsent);
        return pb.start();
    }

    public static Path log(Path workDir) {
        return workDir.resolve(EngineName.PYTORCH + ".log");
    }

    public String python() {
        return python;
    }

    /** Runs the reference with {@code args} after its own; returns null on success, else one line saying why not. */
    public String run(Path workDir, List<String> args) {
        try {
            runScript(workDir, "nin_reference.py", args);
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /**
     * Runs one of the bench jar's python scripts ({@code nin_reference.py}, or {@code nin_throughput.py}, which
     * imports it) for {@code workDir}, its output appended to {@code pytorch.log} there. Returns the last line it
     * printed; a failure is an {@link IllegalStateException} with one line saying why.
     */
    public String runScript(Path workDir, String script, List<String> args) {
        return runScript(workDir, script, args, Map.of());
    }

    /** As {@link #runScript(Path, String, List)}, with {@code envDefaults} where the user's environment lacks them. */
    public String runScript(Path workDir, String script, List<String> args, Map<String, String> envDefaults) {
        Path log = log(workDir);
        try {
            long before = Files.exists(log) ? Files.size(log) : 0;
            Process p = start(workDir, script, args, ProcessBuilder.Redirect.appendTo(log.toFile()),
                    ProcessBuilder.Redirect.appendTo(log.toFile()), envDefaults);
            int status = p.waitFor();
            List<String> lines;
            try (InputStream in = Files.newInputStream(log)) {
                in.skipNBytes(before);
                lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            }
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
            if (status != 0) {
                throw new IllegalStateException("PyTorch (" + script + ") " + EngineLauncher.describeExit(status)
                        + (last.isEmpty() ? "" : "; last line of " + log + ": " + last));
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(log + ": cannot run PyTorch (" + script + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
