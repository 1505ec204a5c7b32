package dev.ninbench.bench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code columns.md}: every column of every CSV the report wrote, with its unit and meaning, from the dictionary
 * {@code report/columns.tsv} in the bench jar (column, unit, meaning; one line each, a column's meaning the same in
 * every CSV). A column the dictionary lacks is listed as "not described", and a test keeps that list empty.
 */
final class ColumnDictionary {
    static final String FILE_NAME = "columns.md";
    static final String NOT_DESCRIBED = "not described";
    private static final String RESOURCE = "/report/columns.tsv";

    private ColumnDictionary() {
    }

    /** The dictionary: column name to {unit, meaning}. */
    static Map<String, String[]> entries() {
        Map<String, String[]> entries = new LinkedHashMap<>();
        try (InputStream in = ColumnDictionary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the bench jar");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
                        String[] f = l.split("\t", 3);
                        if (f.length != 3) {
                            throw new IllegalStateException(RESOURCE + ": expected column<TAB>unit<TAB>meaning, got: " + l);
                        }
                        entries.put(f[0], new String[] {f[1], f[2]});
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + ": cannot read the column dictionary", e);
        }
        return entries;
    }

    /** The page for the CSVs among {@code written}, read back from {@code dir}. */
    static String markdown(Path dir, List<Path> written) throws IOException {
        Map<String, String[]> entries = entries();
        StringBuilder md = new StringBuilder("# Columns of the CSVs\n\nEvery CSV here has one figure per cell: a number ")
                .append("(`.` as the decimal point), a name, or empty where the figure does not apply. An interval's ")
                .append("ends are columns of their own (`low`, `high`).\n\n");
        for (Path csv : written.stream().filter(Report::isCsv).toList()) {
            md.append("## ").append(csv.getFileName()).append("\n\n| column | unit | meaning |\n| --- | --- | --- |\n");
            for (String column : header(dir.resolve(csv.getFileName().toString()))) {
                String[] e = describe(entries, column);
                md.append("| ").append(column).append(" | ").append(e[0]).append(" | ").append(e[1]).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The entry of a column; a target accuracy in its name ("s to 0.75") is looked up as "s to T". */
    static String[] describe(Map<String, String[]> entries, String column) {
        return entries.getOrDefault(column.replaceAll(" to \\d+(\\.\\d+)? ", " to T "),
                new String[] {"", NOT_DESCRIBED});
    }

    /** The column names of a CSV's first line (quoted names may hold commas); a {@code .gz} one is unzipped. */
    static List<String> header(Path csv) throws IOException {
        String line;
        try (java.io.InputStream in = csv.getFileName().toString().endsWith(".gz")
                ? new java.util.zip.GZIPInputStream(Files.newInputStream(csv)) : Files.newInputStream(csv);
             java.io.BufferedReader lines = new java.io.BufferedReader(
                     new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            line = java.util.Objects.requireNonNullElse(lines.readLine(), "");
        }
        return List.of(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).stream()
                .map(c -> c.startsWith("\"") && c.endsWith("\"") ? c.substring(1, c.length() - 1).replace("\"\"", "\"") : c)
                .toList();
    }
}
