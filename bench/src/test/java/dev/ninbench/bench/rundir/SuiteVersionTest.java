package dev.ninbench.bench.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteVersionTest {
    @TempDir
    Path dir;

    @Test
    void namesTheCommitAndWhetherTrackedFilesChanged() throws Exception {
        git("init", "-q");
        Files.writeString(dir.resolve("code.txt"), "one");
        git("add", "code.txt");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one");
        String head = output("git", "-C", dir.toString(), "rev-parse", "--short=12", "HEAD");

        Files.writeString(dir.resolve("run.json"), "{}"); // an untracked run file is not a change to the code
        assertEquals(new SuiteVersion(head, false), SuiteVersion.of(dir));
        // nor are published results, even tracked ones (a frozen checkout's results/runs replaced by a link)
        Path runs = Files.createDirectories(dir.resolve("results/runs/r1"));
        Files.writeString(runs.resolve("run.json"), "{}");
        git("add", "results");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "a run");
        head = output("git", "-C", dir.toString(), "rev-parse", "--short=12", "HEAD");
        Files.delete(runs.resolve("run.json"));
        assertEquals(new SuiteVersion(head, false), SuiteVersion.of(dir));
        // and from a subfolder of the checkout too
        assertEquals(new SuiteVersion(head, false), SuiteVersion.of(dir.resolve("results")));
        Files.writeString(dir.resolve("code.txt"), "two");
        assertEquals(new SuiteVersion(head, true), SuiteVersion.of(dir));
    }

    @Test
    void aRunResumedByAnotherSuiteNamesBothAndABrokenResumeLineIsSkippedWithAWarning() throws Exception {
        SuiteVersion start = new SuiteVersion("0d026060e3ce", false);
        new RunResume("2026-12-07T05:30:00Z", new SuiteVersion("edd6bac12345", false), Map.of("djl", 1)).appendTo(dir);
        new RunResume("2026-12-07T06:00:00Z", start, Map.of("tf", 3)).appendTo(dir); // the starting suite again
        Files.writeString(dir.resolve(RunResume.FILE_NAME), "{\"at\": \"2026-12-07T07:00", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        List<RunResume> resumes = RunResume.read(dir, warnings::add);
        assertEquals(2, resumes.size());
        assertEquals(Map.of("djl", 1), resumes.get(0).fromEpoch());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(RunResume.FILE_NAME + ":3: not a resume"), warnings.get(0));
        assertEquals("0d026060e3ce, resumed at edd6bac12345", start.resumedBy(resumes).label());
        assertEquals("0d026060e3ce + changes", new SuiteVersion("0d026060e3ce", true).resumedBy(List.of()).label());
        // run.json keeps the starting suite alone: the resumes are never written into it
        assertFalse(Json.MAPPER.writeValueAsString(start.resumedBy(List.of())).contains("resumedBy"));
        assertEquals(start, Json.MAPPER.readValue("{\"commit\":\"0d026060e3ce\",\"modified\":false}",
                SuiteVersion.class));
    }

    @Test
    void aFolderThatIsNoCheckoutSaysSo() {
        SuiteVersion v = SuiteVersion.of(dir);
        assertTrue(v.commit().startsWith("unknown (not a git checkout: "), v.commit());
        assertFalse(v.modified());
    }

    private void git(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = dir.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        output(command);
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
