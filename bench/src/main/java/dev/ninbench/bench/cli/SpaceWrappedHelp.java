package dev.ninbench.bench.cli;

import dev.ninbench.bench.report.Table;
import java.util.List;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Usage help whose option descriptions and synopsis wrap at spaces only. picocli wraps them where {@link java.text.BreakIterator}
 * allows a line break, which includes after a {@code .} or {@code ,} followed by a letter: a path such as
 * {@code ~/.cache/nin-bench/fashion-mnist} or {@code run.json} at the end of a line came out split in two, and could
 * not be copied from the help. Here a line ends only at a space; only a word wider than the whole column is cut.
 */
public final class SpaceWrappedHelp implements IHelpFactory {

    @Override
    public Help create(CommandSpec commandSpec, ColorScheme colorScheme) {
        return new Help(commandSpec, colorScheme) {
            @Override
            public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                              ColorScheme scheme) {
                Layout layout = super.createDefaultLayout(options, positionals, scheme);
                return new Layout(scheme, new Table(scheme, layout.textTable().columns()), layout.optionRenderer(),
                        layout.parameterRenderer());
            }

            /** As picocli lays out the synopsis (the command name, then the options beside it), wrapped at spaces. */
            @Override
            protected String insertSynopsisCommandName(int headingLength, Text options) {
                String name = commandSpec().qualifiedName();
                int nameWidth = headingLength + name.length();
                Table table = new Table(colorScheme(), new Column(nameWidth, 0, Column.Overflow.SPAN),
                        new Column(commandSpec().usageMessage().width() - nameWidth, 0, Column.Overflow.WRAP));
                table.indentWrappedLines = 1; // the options start with a space, their wrapped lines too
                // the heading ("Usage: ") is printed before this: its width is padding, cut off again
                table.addRowValues(colorScheme().text("X".repeat(headingLength)).concat(colorScheme().commandText(name)),
                        options);
                return table.toString().substring(headingLength);
            }
        };
    }

    /** picocli's table of options, its last (description) column wrapped at spaces. */
    private static final class Table extends TextTable {
        private final ColorScheme scheme;

        Table(ColorScheme scheme, Column... columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        /** picocli's, but a line of the last column ends at a space, where the next word would not fit. */
        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            if (value == null || col != columns().length - 1 || column.overflow != Column.Overflow.WRAP) {
                return super.putValue(row, col, value);
            }
            String plain = value.plainString();
            int room = column.width - column.indent - textAt(row, col).plainString().length();
            int leading = plain.length() - plain.stripLeading().length();
            if (plain.length() <= room || room <= leading) {
                return super.putValue(row, col, value); // fits, or there is no room to wrap into
            }
            int space = plain.lastIndexOf(' ', room);
            // a word wider than the whole column cannot be kept whole: it is cut where the column ends
            int end = space > leading ? space : room;
            super.putValue(row, col, value.substring(0, end)); // fits: picocli writes it as it is
            if (row + 1 == rowCount()) {
                addEmptyRow();
            }
            Text indent = scheme.ansi().new Text(" ".repeat(indentWrappedLines), scheme);
            return putValue(row + 1, col, indent.concat(value.substring(end == space ? end + 1 : end)));
        }
    }
}
