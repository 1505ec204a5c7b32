package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What the commands' help says: each one's own defaults, a clean synopsis, and paths that can be copied from it. */
class CliHelpTest {
    /** What each command runs when --engines is absent, as its help must say it. */
    private static final Map<String, String> ENGINE_DEFAULTS = Map.of(
            "train", "Default: the tuned path of every engine built here",
            "compare", "Default: the tuned path of every engine built here",
            "scaling", "Default: the tuned path of every engine built here",
            "overhead", "Default: the tuned path of every engine built here",
            "throughput", "Default: every variant of every engine built here");

    /** A word with a / or a dot inside it: a path, a file name or a property (trailing punctuation left off). */
    private static final Pattern PATH = Pattern.compile("[^\\s(]*(/|\\w\\.\\w)[^\\s]*?(?=[.,;:)]*(\\s|$))");

    @Test
    void eachEnginesOptionStatesItsOwnCommandsDefault() {
        CommandLine cl = NinBench.commandLine();
        for (Map.Entry<String, String> e : ENGINE_DEFAULTS.entrySet()) {
            OptionSpec engines = cl.getSubcommands().get(e.getKey()).getCommandSpec().findOption("--engines");
            String description = String.join(" ", engines.description());
            assertTrue(description.contains(e.getValue()), e.getKey() + ": " + description);
            String help = usage(cl.getSubcommands().get(e.getKey()), 80).replaceAll("\\s+", " ");
            assertTrue(help.contains(e.getValue()), help);
        }
        List<String> withEngines = cl.getSubcommands().entrySet().stream()
                .filter(c -> c.getValue().getCommandSpec().findOption("--engines") != null).map(Map.Entry::getKey)
                .sorted().toList();
        assertEquals(ENGINE_DEFAULTS.keySet().stream().sorted().toList(), withEngines, "every --engines is checked");
    }

    @Test
    void theSeedsSynopsisReadsCleanly() {
        String help = usage(NinBench.commandLine().getSubcommands().get("train"), 80);
        assertTrue(help.contains("[--seeds=S1,S2,...]"), help);
        assertFalse(help.contains("[--seeds=S1,S2,...]..."), help);
        assertFalse(help.contains("S1,S2,...[,"), help);
    }

    @Test
    void overheadIsInTheMainHelp() {
        String help = usage(NinBench.commandLine(), 80);
        assertTrue(help.matches("(?s).*\\n\\s+overhead\\s.*"), help);
    }

    @Test
    void reportsDefaultTargetIsThePublishedPagesOne() {
        OptionSpec target = NinBench.commandLine().getSubcommands().get("report").getCommandSpec()
                .findOption("--target-accuracy");
        assertEquals("0.75", target.defaultValue()); // results/README.md: ./nin-bench report --target-accuracy 0.75
    }

    /**
     * Each path in a description is whole on one line of the help, at the default width (80) and wider ones; at 60
     * the longest paths are wider than the description column itself.
     */
    @Test
    void noPathIsSplitAcrossLines() {
        CommandLine root = NinBench.commandLine();
        List<CommandLine> commands = new ArrayList<>(root.getSubcommands().values());
        commands.add(root);
        int paths = 0;
        for (CommandLine command : commands) {
            for (int width : new int[] {80, 90, 100, 120}) {
                String help = usage(command, width);
                for (String path : paths(command)) {
                    paths++;
                    assertTrue(help.contains(path), command.getCommandName() + " at width " + width + " splits "
                            + path + ":\n" + help);
                }
            }
        }
        assertTrue(paths > 50, "the pattern finds the paths: " + paths);
        assertTrue(paths(root.getSubcommands().get("train")).contains("~/.cache/nin-bench/fashion-mnist"));
    }

    @Test
    void thePathPatternFindsWholePaths() {
        assertEquals(List.of("~/.cache/nin-bench/fashion-mnist", "run.json", "results/runs", "a.b"),
                paths("then ~/.cache/nin-bench/fashion-mnist). The run's (run.json) in results/runs, a.b."));
    }

    private static List<String> paths(CommandLine command) {
        var spec = command.getCommandSpec();
        Stream<String> texts = Stream.concat(Stream.of(spec.usageMessage().description()),
                spec.options().stream().filter(o -> !o.hidden()).flatMap(o -> Stream.of(o.description())));
        texts = Stream.concat(texts, command.getSubcommands().values().stream()
                .filter(c -> !c.getCommandSpec().usageMessage().hidden())
                .flatMap(c -> Stream.of(c.getCommandSpec().usageMessage().description())));
        return texts.flatMap(t -> paths(t).stream()).distinct().toList();
    }

    private static List<String> paths(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PATH.matcher(text.replace("${DEFAULT-VALUE}", "").replace("%%", "%"));
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static String usage(CommandLine command, int width) {
        StringWriter help = new StringWriter();
        command.setUsageHelpWidth(width);
        command.usage(new PrintWriter(help, true), CommandLine.Help.Ansi.OFF);
        return help.toString();
    }
}
