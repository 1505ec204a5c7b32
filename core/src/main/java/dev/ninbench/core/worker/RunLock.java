package dev.ninbench.core.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one writer of a run directory: OS file locks the OS frees when their process dies, however it dies, so a stale
 * lock never blocks a later resume. The launcher holds {@link #FILE} for as long as a {@code train} or
 * {@code train --resume} runs; the process that trains an engine holds {@link #ENGINE_FILE} while it does, so that a
 * resume also sees an engine JVM still writing after its launcher was killed. Each file names its holder (pid and
 * start), for the refusal's message.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".lock";
    public static final String ENGINE_FILE = ".lock-engine";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the run directory's lock, or refuses in one line naming the process that holds it. */
    public static RunLock acquire(Path runDir) {
        return acquire(runDir, FILE);
    }

    /** Takes the lock of {@code name} in the run directory, or refuses in one line naming its holder. */
    public static RunLock acquire(Path runDir, String name) {
        Path file = runDir.resolve(name);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very JVM holds it
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException(runDir + " is being written by another " + (name.equals(ENGINE_FILE)
                        ? "engine process (" : "nin-bench (") + (holder.isEmpty() ? "a process that has not said which"
                        : holder) + "); wait for it to end, or stop it, then resume");
            }
            channel.truncate(0);
            ProcessHandle self = ProcessHandle.current();
            String holder = "pid " + self.pid() + ", started " + self.info().startInstant().map(Instant::toString)
                    .orElse("?") + ", " + self.info().commandLine().map(c -> c.length() > 120 ? c.substring(0, 120)
                    + "..." : c).orElse("nin-bench");
            channel.write(ByteBuffer.wrap((holder + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new RunLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the failure below says what went wrong
                }
            }
            throw new UncheckedIOException(file + ": cannot lock the run directory: " + e.getMessage(), e);
        }
    }

    /**
     * Who holds the run directory's lock now ("pid 123, started ..."), or empty when nobody does: a run still being
     * written, which a report must not read as one that stopped. Looks without writing: the lock is taken and let go
     * at once only when it is free.
     */
    public static java.util.Optional<String> holder(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this very JVM holds it
            }
            if (lock != null) {
                lock.release();
                return java.util.Optional.empty();
            }
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            return java.util.Optional.of(holder.isEmpty() ? "a process that has not said which" : holder);
        } catch (IOException e) {
            return java.util.Optional.empty(); // unreadable: the report reads what is there and says what it cannot
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run directory's lock: " + e.getMessage(), e);
        }
    }
}
