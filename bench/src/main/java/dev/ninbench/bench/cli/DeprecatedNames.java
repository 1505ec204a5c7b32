package dev.ninbench.bench.cli;

import picocli.CommandLine.Model.CommandSpec;

/** Option names kept for old command lines, each with a one-line note of its new spelling when it is used. */
final class DeprecatedNames {
    private DeprecatedNames() {
    }

    /** Says on the command's error stream that {@code old} is deprecated for {@code now}, when the command line used it. */
    static void warn(CommandSpec spec, String old, String now) {
        boolean used = spec.commandLine().getParseResult().originalArgs().stream()
                .anyMatch(a -> a.equals(old) || a.startsWith(old + "="));
        if (used) {
            spec.commandLine().getErr().println("nin-bench: " + old + " is deprecated; use " + now + " (the same values, e.g. " + now
                    + " 64,128)");
        }
    }
}
