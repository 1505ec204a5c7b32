package dev.ninbench.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's fixed prose, kept as Markdown templates in the bench jar ({@code report/prose/<name>.md}) so that a
 * paragraph is edited as text, not as Java string concatenation; {@code {{name}}} marks a value filled in per report.
 */
final class Prose {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private Prose() {
    }

    /** Template {@code name} with its placeholders filled from {@code values}; a placeholder left over is an error. */
    static String fill(String name, Map<String, String> values) {
        String resource = "/report/prose/" + name + ".md";
        String template;
        try (InputStream in = Prose.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the bench jar");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(resource + ": no value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** Template {@code name}, which has no placeholders. */
    static String of(String name) {
        return fill(name, Map.of());
    }
}
