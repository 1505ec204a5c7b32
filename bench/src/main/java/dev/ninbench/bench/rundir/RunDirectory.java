package dev.ninbench.bench.rundir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Creates a run's directory under the results folder; an earlier run's directory is never reused or overwritten. */
public final class RunDirectory {
    private RunDirectory() {
    }

    /** {@code <root>/<yyyy-MM-dd_HHmm>_<host>_<profile>}, with {@code -2}, {@code -3}, ... when that exists. */
    public static Path create(Path root, String host, String profile) {
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm"));
        String base = stamp + "_" + host.replaceAll("[^A-Za-z0-9.-]", "-") + "_" + profile;
        try {
            Files.createDirectories(root);
            for (int n = 1; ; n++) {
                Path dir = root.resolve(n == 1 ? base : base + "-" + n);
                try {
                    return Files.createDirectory(dir); // atomic: two runs started together still get two folders
                } catch (FileAlreadyExistsException taken) {
                    // try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(root + ": cannot create a run directory there: "
                    + dev.ninbench.core.engine.Failures.reason(e) + " (--out must be a directory that can be written)", e);
        }
    }
}
