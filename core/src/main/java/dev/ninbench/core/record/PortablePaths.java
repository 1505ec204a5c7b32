package dev.ninbench.core.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths as a run directory writes them: a path under the user's home as {@code ~/...}, a file of the run directory
 * relative to it, so that nothing written to a run directory names the machine's home, temp or checkout folders
 * (the published {@code results/} is read on other machines). {@link #expand} reads {@code ~} back.
 */
public final class PortablePaths {
    private PortablePaths() {
    }

    /** {@code path} with the user's home ({@code user.home}) written as {@code ~}; any other path as it is. */
    public static String home(String path) {
        return home(path, System.getProperty("user.home"));
    }

    static String home(String path, String home) {
        if (path == null || home == null || home.isEmpty() || home.equals("/")) {
            return path;
        }
        String prefix = home.endsWith("/") ? home.substring(0, home.length() - 1) : home;
        if (path.equals(prefix)) {
            return "~";
        }
        return path.startsWith(prefix + "/") ? "~" + path.substring(prefix.length()) : path;
    }

    /** {@code path} as {@link #home(String)} writes it, for a path. */
    public static String home(Path path) {
        return path == null ? null : home(path.toAbsolutePath().normalize().toString());
    }

    /** A path {@link #home} wrote, read back: {@code ~} or {@code ~/...} under {@code user.home}; others as they are. */
    public static Path expand(String path) {
        return expand(path, System.getProperty("user.home"));
    }

    static Path expand(String path, String home) {
        if (path.equals("~")) {
            return Path.of(home);
        }
        return path.startsWith("~/") ? Path.of(home, path.substring(2)) : Path.of(path);
    }

    /**
     * Rewrites {@code file}, written by another program (JMH's JSON), as a run directory's files are written: every
     * {@code dir/} in it dropped (its paths relative to {@code dir}, the file's folder) and the user's home as
     * {@code ~}. A file that is not there is left alone.
     */
    public static void rewrite(Path file, Path dir) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String portable = portable(text, dir.toAbsolutePath().normalize().toString(),
                    System.getProperty("user.home"));
            if (!portable.equals(text)) {
                Files.writeString(file, portable, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write its paths relative to its folder: " + e.getMessage(), e);
        }
    }

    /**
     * {@code text} as a run directory's files write it: {@code runDir/} dropped, the home as {@code ~/}. For messages
     * that name files (a failure's log, a crash report), which are stored in the run directory's JSON.
     */
    public static String portable(String text, Path runDir) {
        return text == null ? null : portable(text, runDir.toAbsolutePath().normalize().toString(),
                System.getProperty("user.home"));
    }

    /** {@code text} with {@code dir/} dropped and {@code home/} written {@code ~/}. */
    static String portable(String text, String dir, String home) {
        String relative = text.replace(dir + "/", "");
        if (home == null || home.isEmpty() || home.equals("/")) {
            return relative;
        }
        String prefix = home.endsWith("/") ? home.substring(0, home.length() - 1) : home;
        return relative.replace(prefix + "/", "~/");
    }
}
