package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository's published {@code results/} holds results, not the lab: no machine paths, no code, no logs but
 * the report's own MLPerf-style logs, and not more than {@link #MAX_BYTES}. The tests run in the module's folder, so
 * it is {@code ../results}.
 */
class PublishedResultsTest {
    /** results/ at most: the published files and, per run, what {@code report} reads and JMH's results. */
    static final long MAX_BYTES = 15L * 1024 * 1024;
    /**
     * An absolute path into a home ({@code /root/}, {@code /home/}), the temp folder ({@code /tmp/}) or a work folder
     * ({@code /work/}): the machine's, meaningless elsewhere. Run directories write {@code ~/...} and paths relative
     * to themselves instead. System and package paths ({@code /usr/bin/python3}, {@code /usr/share/datasets},
     * {@code /proc/cpuinfo}, {@code /opt/...}) are the same on every machine with the package, so they may stay. The
     * path must start a line or follow a space, quote, {@code =}, {@code :} or a bracket: {@code runs/x/tmp/} is
     * relative.
     */
    static final Pattern MACHINE_PATH = Pattern.compile("(?:^|(?<=[\\s\"'`=(:,\\[<>]))/(?:root|home|tmp|work)/");
    private static final Set<String> CODE = Set.of(".java", ".py", ".sh");
    private static final Set<String> BINARY = Set.of(".png", ".gz");

    private static final Path RESULTS = Path.of("..", "results");

    @Test
    void noFileNamesAMachinePath() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            if (BINARY.stream().anyMatch(file.getFileName().toString()::endsWith)) {
                continue;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                continue; // not text
            }
            for (int i = 0; i < lines.size(); i++) {
                var m = MACHINE_PATH.matcher(lines.get(i));
                if (m.find()) {
                    String line = lines.get(i);
                    found.add(RESULTS.relativize(file) + ":" + (i + 1) + ": " + line.substring(Math.max(0, m.start() - 40),
                            Math.min(line.length(), m.end() + 40)));
                }
            }
        }
        assertTrue(found.isEmpty(), found.size() + " machine path(s) (write ~/... or paths relative to the run "
                + "directory):\n" + String.join("\n", found.subList(0, Math.min(found.size(), 30))));
    }

    @Test
    void noCodeAndNoLogsButTheReports() {
        List<String> found = files().stream().map(f -> RESULTS.relativize(f).toString().replace('\\', '/'))
                .filter(name -> CODE.stream().anyMatch(name::endsWith)
                        || (name.endsWith(".log") && !name.startsWith("mllog/")))
                .toList();
        assertTrue(found.isEmpty(), "code or logs under results/ (code goes to tools/ or a command, logs stay out; "
                + "git history keeps the old ones): " + found);
    }

    @Test
    void resultsStaySmall() {
        long bytes = files().stream().mapToLong(f -> {
            try {
                return Files.size(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).sum();
        assertTrue(bytes <= MAX_BYTES, "results/ holds " + bytes + " bytes, more than " + MAX_BYTES
                + ": keep per run only what report reads (run.json, records.jsonl, engines.json, steps/, "
                + "throughput.json, scaling.json) and JMH's JSON");
    }

    @Test
    void theRuleFindsMachinePathsAndLeavesOthers() {
        for (String machine : List.of("\"libtorch\":\"/root/.cache/x\"", "-Dx=/home/ann/y", "from /tmp/prof",
                "`/work/main`")) {
            assertTrue(MACHINE_PATH.matcher(machine).find(), machine);
        }
        for (String fine : List.of("~/.cache/x", "/usr/bin/python3", "/usr/share/datasets/fashion-mnist",
                "results/runs/*/tmp/", "/proc/cpuinfo", "/opt/rh/gcc-toolset-13/root/usr/bin/c++")) {
            assertTrue(!MACHINE_PATH.matcher(fine).find(), fine);
        }
    }

    /**
     * The files of results/ that git tracks (what is published: a local run's logs and checkpoints, not committed,
     * do not count), or every file under it where git cannot say.
     */
    private static List<Path> files() {
        assertTrue(Files.isDirectory(RESULTS), RESULTS.toAbsolutePath() + " is not a folder");
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--", ".").directory(RESULTS.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() == 0 && !out.isEmpty()) {
                return Stream.of(out.split("\0")).filter(name -> !name.isEmpty()).map(RESULTS::resolve)
                        .filter(Files::isRegularFile).sorted().toList();
            }
        } catch (IOException e) {
            // no git: every file
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(RESULTS)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
