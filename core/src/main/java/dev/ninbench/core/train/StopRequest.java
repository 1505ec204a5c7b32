package dev.ninbench.core.train;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a process trains: a request to stop at the next step boundary instead of at once.
 * Cut off in the middle of a step, an engine's native code can crash its process on the way out (libtorch's backward
 * did, in one try of five); stopped between steps, every finished epoch keeps its record and checkpoint, and
 * {@code train --resume} goes on from them. The {@link Trainer} asks {@link #requested()} after every step and ends
 * with a {@link TrainingStoppedException}.
 *
 * <p>Only while a {@link #trap} is open: elsewhere the signals end the process as usual. A second signal more than a
 * second after the first ends the process at once (a step that never ends must not hold it); one within that second
 * is the same request arriving twice (Ctrl-C reaches every process of the terminal's group, and the launcher passes
 * it on to its engine as well).
 */
public final class StopRequest {
    private static final long REPEAT_NANOS = 1_000_000_000L;
    private static volatile String signal;
    private static volatile long firstNanos;

    private StopRequest() {
    }

    /** Whether a stop was asked for since the process started. */
    public static boolean requested() {
        return signal != null;
    }

    /** The signal that asked ("SIGINT", "SIGTERM"), or null. */
    public static String signal() {
        return signal;
    }

    /** The exit status of a process that a signal stopped: 128 + its number, as a shell reports it. */
    public static int exitStatus() {
        return "SIGTERM".equals(signal) ? 143 : 130;
    }

    /** Asks for a stop as {@code name} would; returns whether this was the first request. */
    public static synchronized boolean request(String name) {
        if (signal != null) {
            return false;
        }
        firstNanos = System.nanoTime();
        signal = name;
        return true;
    }

    /** Forgets a request (tests only: a process stops once). */
    static synchronized void clear() {
        signal = null;
    }

    /** Signal handlers installed by {@link #trap}; closing puts the previous ones back. */
    public static final class Trap implements AutoCloseable {
        private final List<Signal> signals = new ArrayList<>();
        private final List<SignalHandler> previous = new ArrayList<>();

        @Override
        public void close() {
            for (int i = 0; i < signals.size(); i++) {
                Signal.handle(signals.get(i), previous.get(i));
            }
        }
    }

    /**
     * Traps SIGINT and SIGTERM until closed: the first of them is a stop request, after which {@code onFirst} runs
     * (the launcher passes the request on to its engine); a later one ends the process with 130 or 143. Where the
     * JVM cannot trap a signal (not on this OS), it keeps its usual effect.
     */
    public static Trap trap(Runnable onFirst) {
        Trap trap = new Trap();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal s = new Signal(name);
                SignalHandler old = Signal.handle(s, sig -> {
                    String what = "SIG" + sig.getName();
                    if (request(what)) {
                        System.err.println("nin-bench: " + what + ": stopping after the current training step "
                                + "(again, a second or more later, to stop at once)");
                        onFirst.run();
                    } else if (System.nanoTime() - firstNanos > REPEAT_NANOS) {
                        System.err.println("nin-bench: " + what + " again: stopping now");
                        System.exit(exitStatus());
                    }
                });
                trap.signals.add(s);
                trap.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // this JVM does not let this signal be trapped here: it keeps its usual effect
            }
        }
        return trap;
    }
}
