package dev.ninbench.bench.report;

import java.util.List;
import java.util.stream.Collectors;

/** A table of text cells, written as Markdown (README) and as CSV from the same rows, so the two never disagree. */
public record Table(List<String> headers, List<List<String>> rows) {
    public Table {
        headers = List.copyOf(headers);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("row of " + row.size() + " cells for " + headers.size() + " columns: " + row);
            }
        }
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(markdownRow(headers));
        sb.append(markdownRow(headers.stream().map(h -> "---").toList()));
        rows.forEach(r -> sb.append(markdownRow(r)));
        return sb.toString();
    }

    /** For a terminal: every column as wide as its widest cell, two spaces between columns. */
    public String text() {
        int[] widths = new int[headers.size()];
        for (List<String> row : rowsWithHeaders()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rowsWithHeaders()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + Math.max(1, widths[i]) + "s", row.get(i)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private List<List<String>> rowsWithHeaders() {
        List<List<String>> all = new java.util.ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        return all;
    }

    /** RFC 4180: a header line, CRLF-free lines ending in \n, fields quoted when they hold a comma, quote or newline. */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(csvRow(headers));
        rows.forEach(r -> sb.append(csvRow(r)));
        return sb.toString();
    }

    private static String markdownRow(List<String> cells) {
        // a '|' inside a cell would end it
        return cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    private static String csvRow(List<String> cells) {
        return cells.stream().map(Table::csvField).collect(Collectors.joining(",", "", "\n"));
    }

    static String csvField(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
