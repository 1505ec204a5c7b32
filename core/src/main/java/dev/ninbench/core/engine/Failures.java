package dev.ninbench.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Small helpers every engine needs to describe itself and its failures in one line. */
public final class Failures {
    private Failures() {
    }

    /**
     * An exception and its causes on one line ("outer &lt;- cause &lt;- root"): what a user needs to read, without a stack
     * trace. Our own and argument/state exceptions show their message alone (it already names the file or value);
     * anything else shows its class too ("UnsatisfiedLinkError: no jnitensorflow ...", "OutOfMemoryError: ...").
     */
    public static String oneLine(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 600; c = c.getCause() == c ? null : c.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            String msg = c.getMessage();
            boolean plain = c instanceof IllegalArgumentException || c instanceof IllegalStateException
                    || c.getClass().getName().startsWith("dev.ninbench");
            sb.append(plain && msg != null ? msg : c.getClass().getSimpleName() + (msg == null ? "" : ": " + msg));
        }
        return sb.toString().replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /**
     * Why a file operation failed, in words, without the path (the caller names it): Java's own messages are often
     * the path alone ({@code NoSuchFileException}) or a reason without it ("Is a directory").
     */
    public static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return lowerFirst(f.getReason());
        }
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : lowerFirst(msg);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** A library's version from its jar's Maven metadata, or "?" (a label only: never worth failing for). */
    public static String mavenVersion(Class<?> anyClass, String groupId, String artifactId) {
        String path = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = anyClass.getResourceAsStream(path)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
