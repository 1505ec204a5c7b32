package dev.ninbench.bench.rundir;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which code of the suite made a run: its checkout's git commit, and whether tracked files had changes not yet
 * committed then, so that a published figure can be traced to the code that made it. Written into each run's
 * {@code run.json}.
 *
 * @param commit    the commit (12 hex digits), or why it is not known
 * @param modified  whether tracked files outside {@code results/} differed from that commit
 * @param resumedBy the other suites that went on with the run ({@code train --resume}, from its {@link RunResume}s);
 *                  never written into {@code run.json}, which names the suite that started the run
 */
public record SuiteVersion(String commit, boolean modified,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SuiteVersion> resumedBy) {
    /** The folder of published results, whose changes are not changes to the suite's code. */
    static final String RESULTS = "results";

    public SuiteVersion {
        resumedBy = resumedBy == null ? List.of() : List.copyOf(resumedBy);
    }

    /** A suite that started a run and was never replaced in it. */
    public SuiteVersion(String commit, boolean modified) {
        this(commit, modified, List.of());
    }

    /** This suite, with the other suites of {@code resumes} (each once) as the ones that went on with the run. */
    public SuiteVersion resumedBy(List<RunResume> resumes) {
        SuiteVersion start = new SuiteVersion(commit, modified);
        return new SuiteVersion(commit, modified, resumes.stream().map(r -> new SuiteVersion(r.suite().commit(),
                r.suite().modified())).filter(s -> !s.equals(start)).distinct().toList());
    }

    /** "2c636de2c286", "2c636de2c286 + changes", "0d026060e3ce, resumed at edd6bac1234f". */
    public String label() {
        String start = commit + (modified ? " + changes" : "");
        return resumedBy.isEmpty() ? start : start + ", resumed at " + resumedBy.stream().map(SuiteVersion::label)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The checkout the {@code nin-bench} script runs from ({@code -Dninbench.home}), else the working directory. */
    public static SuiteVersion current() {
        String home = System.getProperty("ninbench.home");
        return of(Path.of(home != null ? home : ""));
    }

    /** Never fails: a folder that is not a git checkout, or no git, gives a commit saying so. */
    public static SuiteVersion of(Path checkout) {
        try {
            String commit = git(checkout, "rev-parse", "--short=12", "HEAD");
            // untracked files (run directories being written, for one) are not changes to the suite's code, nor is
            // anything under results/, the suite's output (a long study runs from a frozen checkout whose
            // results/runs is a link to the main checkout's, which git sees as its tracked run files deleted)
            boolean modified = !git(checkout, "status", "--porcelain", "--untracked-files=no", "--",
                    ":(top,exclude)" + RESULTS).isEmpty();
            return new SuiteVersion(commit, modified);
        } catch (IOException e) {
            return new SuiteVersion("unknown (" + e.getMessage() + ")", false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SuiteVersion("unknown (interrupted)", false);
        }
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("not a git checkout: " + dir.toAbsolutePath());
        }
        return out;
    }
}
