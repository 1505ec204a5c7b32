package dev.ninbench.bench.report;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.train.DropoutMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Each engine's final test accuracy over seeds against PyTorch's, on one machine and one recipe (profile, input side,
 * epochs, batch, learning rate, data slices and dropout mode): only runs that finished every planned epoch count, and
 * each seed once (its first run).
 *
 * @param recipe  the recipe in words ({@link #recipe})
 * @param dropout the recipe's dropout mode ("shared" or "engine")
 * @param rows    PyTorch's row first, then the engines in the order they first appear
 */
public record AccuracyComparison(String machine, String recipe, String dropout, List<Row> rows) {
    /**
     * The equivalence margin of the accuracy verdict: an engine is "as accurate as PyTorch" only when the whole 95 %
     * interval of its difference lies within ±0.02. Why 0.02: it is about half the spread of PyTorch's own seeds at
     * the end of the cpu recipe (0.73-0.80), and below what a user choosing an engine for NiN would notice; a margin
     * wider than the seeds' own noise could not tell a broken engine from a sound one.
     */
    public static final double MARGIN = 0.02;

    /** Where the recipes a first page leaves out are: the history page's table of every recipe. */
    static final String OTHER_RECIPES = "[history.md](history.md#final-test-accuracy-every-recipe)";

    /**
     * One engine (or PyTorch) on the recipe.
     *
     * @param finalAccuracy per seed, the test accuracy after the last planned epoch
     * @param difference    against PyTorch's row of the same recipe; null for PyTorch's row, or when it has none
     * @param pytorchSeeds  how many seeds PyTorch's row of the recipe has (0: none)
     */
    public record Row(BackendInfo engine, Map<Long, Double> finalAccuracy, AccuracyDifference difference,
                      int pytorchSeeds, Map<Long, TrainedEngine> runs) {
        /**
         * Per seed, the first epoch whose test accuracy reaches {@code target} ("-": never): a count that does not
         * depend on how loaded the machine was, unlike the seconds to it.
         */
        public String epochsTo(double target) {
            return runs.values().stream().map(r -> r.epochs().stream().filter(e -> e.testAccuracy() >= target)
                    .findFirst().map(e -> String.valueOf(e.epoch())).orElse("-")).collect(Collectors.joining(" "));
        }

        /** Per seed, the test accuracy after {@code epoch} (seeds whose run has that epoch). */
        public Map<Long, Double> accuracyAt(int epoch) {
            Map<Long, Double> at = new TreeMap<>();
            runs.forEach((seed, r) -> r.epochs().stream().filter(e -> e.epoch() == epoch).findFirst()
                    .ifPresent(e -> at.put(seed, e.testAccuracy())));
            return at;
        }

        public int seeds() {
            return finalAccuracy.size();
        }

        /** "0.781 [0.716-0.835]", or the one value. */
        public String describe() {
            DoubleSummaryStatistics s = finalAccuracy.values().stream().mapToDouble(Double::doubleValue).summaryStatistics();
            return s.getCount() == 1 ? String.format(Locale.ROOT, "%.3f", s.getAverage())
                    : String.format(Locale.ROOT, "%.3f [%.3f-%.3f]", s.getAverage(), s.getMin(), s.getMax());
        }

        /** The verdict against PyTorch by {@link Verdict#accuracy}, with what deciding would take. */
        public String verdict() {
            if (difference == null) {
                return EngineName.isPyTorch(engine.name()) ? "reference" : "no PyTorch row to compare with";
            }
            String word = Verdict.accuracy(difference, MARGIN);
            if (!word.startsWith("undecided")) {
                return word + " PyTorch";
            }
            int n = Math.min(seeds(), difference.seeds());
            String counts = difference.method() == AccuracyDifference.Method.PAIRED ? n + (n == 1 ? " seed" : " seeds")
                    : seeds() + (seeds() == 1 ? " seed" : " seeds") + " against PyTorch's " + pytorchSeeds;
            return "undecided at " + counts + difference.seedsToDecide(MARGIN)
                    .stream().mapToObj(k -> k > n ? " (the observed spread needs ~" + k + ")" : "")
                    .findFirst().orElse(n < 2 ? " (no spread yet)" : "");
        }
    }

    /** One comparison per machine and recipe that has finished runs, newest recipe first. */
    public static List<AccuracyComparison> of(List<TrainedEngine> runs) {
        Map<List<Object>, List<TrainedEngine>> byRecipe = new LinkedHashMap<>();
        runs.stream().filter(AccuracyComparison::finished)
                .sorted(Comparator.comparing(TrainedEngine::runId).reversed())
                .forEach(r -> byRecipe.computeIfAbsent(List.of(ReportTables.machine(r.machine()), recipe(r)),
                        k -> new ArrayList<>()).add(r));
        List<AccuracyComparison> comparisons = new ArrayList<>();
        byRecipe.forEach((key, group) -> comparisons.add(compare((String) key.get(0), (String) key.get(1), group)));
        return comparisons;
    }

    /**
     * The comparisons a first page shows out of one machine's: per dropout mode, the recipe whose rows have the most
     * seeds (the fewest seeds of any of its rows, then their sum, then the newest), preferring recipes that compare
     * engines with PyTorch. The rest (the recipes a study was chosen from, older runs) are history: a reader deciding
     * between engines needs the best-evidenced comparison, not every recipe ever tried. Shared dropout's comes first.
     */
    public static List<AccuracyComparison> headline(List<AccuracyComparison> ofOneMachine) {
        Comparator<AccuracyComparison> evidence = Comparator
                .<AccuracyComparison>comparingInt(c -> c.comparesEngines() ? 1 : 0)
                .thenComparingInt(c -> c.rows().stream().mapToInt(Row::seeds).min().orElse(0))
                .thenComparingInt(c -> c.rows().stream().mapToInt(Row::seeds).sum())
                .thenComparingInt(c -> -ofOneMachine.indexOf(c));
        Map<String, AccuracyComparison> best = new LinkedHashMap<>();
        ofOneMachine.forEach(c -> best.merge(c.dropout(), c, (a, b) -> evidence.compare(a, b) >= 0 ? a : b));
        // shared masks first: the comparison step by step with PyTorch, the suite's main question
        return ofOneMachine.stream().filter(best::containsValue)
                .sorted(Comparator.comparingInt(c -> DropoutMode.SHARED.label().equals(c.dropout()) ? 0 : 1)).toList();
    }

    /**
     * Which CPU each seed of the recipe ran on, as a sentence: "" when they all ran on one CPU and so did every run of
     * the comparisons beside it ({@code ofMachine}); else the seeds per CPU. The machine's name
     * ({@link ReportTables#machine}) is a model name shared by CPU generations (a cloud's "AMD EPYC" is Zen 4 on one
     * instance, Zen 5 on another), so a study that outlives an instance pools both under one name: a reader must see
     * that, and which CPU a table beside such a one ran on, since an engine can compute differently on one of them (the
     * caveats). Seeds are grouped by each run's SIMD, the difference that decides the engines' kernels.
     */
    public String cpuNote(List<AccuracyComparison> ofMachine) {
        Map<String, SortedSet<Long>> seedsBySimd = seedsBySimd();
        if (seedsBySimd.size() < 2) {
            boolean nameCoversSeveral = ofMachine.stream().flatMap(c -> c.seedsBySimd().keySet().stream()).distinct()
                    .count() > 1;
            return nameCoversSeveral && !seedsBySimd.isEmpty() ? "Its runs all come from one CPU under this name: "
                    + seedsBySimd.keySet().iterator().next() + "." : "";
        }
        return "Its runs come from " + seedsBySimd.size() + " CPUs under this one name: " + seedsBySimd.entrySet()
                .stream().sorted(Comparator.comparing(e -> e.getValue().first()))
                .map(e -> (e.getValue().size() == 1 ? "seed " : "seeds ") + e.getValue().stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + " on " + e.getKey())
                .collect(Collectors.joining("; ")) + ".";
    }

    private Map<String, SortedSet<Long>> seedsBySimd() {
        Map<String, SortedSet<Long>> seedsBySimd = new TreeMap<>();
        rows.forEach(r -> r.runs().forEach((seed, run) -> seedsBySimd
                .computeIfAbsent(ReportTables.simd(run.machine()), k -> new TreeSet<>()).add(seed)));
        return seedsBySimd;
    }

    /**
     * "" when every engine with finished runs of this dropout mode on this machine ({@code ofMachine}) has a row here;
     * else a sentence naming those that have none, so that an engine missing from a first-page table reads as not
     * run on this recipe (yet), not as left out, and says where its other runs are.
     */
    public String absentNote(List<AccuracyComparison> ofMachine) {
        SortedSet<String> here = rows.stream().map(r -> r.engine().name()).collect(Collectors.toCollection(TreeSet::new));
        SortedSet<String> absent = ofMachine.stream().filter(c -> c.dropout().equals(dropout))
                .flatMap(c -> c.rows().stream()).map(r -> r.engine().name()).filter(n -> !here.contains(n))
                .collect(Collectors.toCollection(TreeSet::new));
        if (absent.isEmpty()) {
            return "";
        }
        String names = absent.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        return "Not in this table: " + names + (absent.size() == 1 ? " has" : " have") + " no finished run of this "
                + "recipe on this machine; " + (absent.size() == 1 ? "its" : "their") + " runs of other recipes: "
                + OTHER_RECIPES + ".";
    }

    /** Whether the recipe has PyTorch's row and at least one engine's. */
    boolean comparesEngines() {
        return rows.stream().anyMatch(r -> r.difference() != null);
    }

    /**
     * Per recipe, each engine's difference from PyTorch after every epoch (the same statistic as at the end), so a
     * reader sees whether a gap opens at the plateau's escape and closes later.
     */
    public static String perEpochMarkdown(List<AccuracyComparison> comparisons) {
        StringBuilder md = new StringBuilder();
        for (AccuracyComparison c : comparisons) {
            Row pytorch = c.rows().stream().filter(r -> r.difference() == null
                    && EngineName.isPyTorch(r.engine().name())).findFirst().orElse(null);
            List<Row> engines = c.rows().stream().filter(r -> r.difference() != null).toList();
            if (pytorch == null || engines.isEmpty()) {
                continue;
            }
            int epochs = pytorch.runs().values().iterator().next().plannedEpochs();
            List<String> headers = new ArrayList<>(List.of("engine", "seeds"));
            for (int e = 1; e <= epochs; e++) {
                headers.add("epoch " + e);
            }
            List<List<String>> rows = new ArrayList<>();
            for (Row r : engines) {
                rows.add(new ArrayList<>(List.of(r.engine().name(), String.valueOf(r.seeds()))));
            }
            for (int e = 1; e <= epochs; e++) {
                int epoch = e;
                List<AccuracyDifference> differences = AccuracyDifference.ofRows(engines.stream()
                        .map(r -> r.accuracyAt(epoch)).toList(), pytorch.accuracyAt(epoch));
                for (int i = 0; i < engines.size(); i++) {
                    AccuracyDifference d = differences.get(i);
                    rows.get(i).add(d.format() + (d.hasInterval() ? " " + d.method().shortWords() : ""));
                }
            }
            md.append("**").append(c.machine()).append(", ").append(c.recipe()).append("**: test accuracy minus ")
                    .append("PyTorch's after each epoch, mean [95 % interval] over the seeds (p: paired by seed, w: Welch)\n\n")
                    .append(new Table(headers, rows).markdown()).append('\n').append(pairing(engines, pytorch));
        }
        return md.toString();
    }

    /**
     * Whether pairing by seed narrows the final difference's interval, per engine that ran PyTorch's seeds: the
     * paired half-width beside Welch's unpaired one over the same seeds, and which the tables use; "" when no engine
     * can be paired.
     */
    private static String pairing(List<Row> engines, Row pytorch) {
        List<String> parts = new ArrayList<>();
        boolean used = false;
        for (Row r : engines) {
            AccuracyDifference paired = AccuracyDifference.of(r.finalAccuracy(), pytorch.finalAccuracy());
            AccuracyDifference unpaired = AccuracyDifference.unpaired(r.finalAccuracy(), pytorch.finalAccuracy());
            if (paired.method() == AccuracyDifference.Method.PAIRED && unpaired.hasInterval()) {
                parts.add(String.format(Locale.ROOT, "%s ±%.3f paired against ±%.3f unpaired", r.engine().name(),
                        paired.halfWidth(), unpaired.halfWidth()));
                used |= r.difference().method() == AccuracyDifference.Method.PAIRED;
            }
        }
        return parts.isEmpty() ? "" : "Pairing by seed, final epoch (the interval's half-width): " + String.join("; ",
                parts) + (used ? ". Pairing narrows them, so the tables pair." : ". Pairing does not narrow them (the "
                + "rows of one seed end no more alike than rows of two), so the tables use Welch's unpaired t.")
                + "\n\n";
    }

    /**
     * The runs (finished or not) of one machine and recipe: what one accuracy chart shows, since curves of different
     * input sides or lengths on one axis would compare recipes, not engines. The recipe is the first page's first
     * ({@link #headline} of the newest machine), else, with no finished run, the newest run's.
     */
    public static List<TrainedEngine> chartedRecipe(List<TrainedEngine> runs) {
        List<AccuracyComparison> all = of(runs);
        List<String> key = all.isEmpty()
                ? runs.stream().max(Comparator.comparing(TrainedEngine::runId))
                        .map(r -> List.of(ReportTables.machine(r.machine()), recipe(r))).orElse(List.of())
                : List.of(all.get(0).machine(), headline(all.stream().filter(c -> c.machine().equals(all.get(0).machine()))
                        .toList()).get(0).recipe());
        return runs.stream().filter(r -> List.of(ReportTables.machine(r.machine()), recipe(r)).equals(key)).toList();
    }

    /** Whether the run finished every planned epoch: only such runs' final accuracy is the recipe's. */
    static boolean finished(TrainedEngine r) {
        return !r.epochs().isEmpty() && r.epochs().get(r.epochs().size() - 1).epoch() >= r.plannedEpochs();
    }

    private static AccuracyComparison compare(String machine, String recipe, List<TrainedEngine> runs) {
        String dropout = runs.get(0).config().dropout().label();
        Map<String, BackendInfo> engines = new LinkedHashMap<>();
        Map<String, Map<Long, Double>> finals = new LinkedHashMap<>();
        Map<String, Map<Long, TrainedEngine>> bySeed = new LinkedHashMap<>();
        runs.stream().sorted(Comparator.comparing(TrainedEngine::runId)).forEach(r -> {
            engines.putIfAbsent(r.engine().name(), r.engine());
            finals.computeIfAbsent(r.engine().name(), k -> new TreeMap<>())
                    .putIfAbsent(r.config().seed(), r.epochs().get(r.epochs().size() - 1).testAccuracy());
            bySeed.computeIfAbsent(r.engine().name(), k -> new TreeMap<>()).putIfAbsent(r.config().seed(), r);
        });
        Map<Long, Double> pytorch = finals.get(EngineName.PYTORCH);
        List<Row> rows = new ArrayList<>();
        if (pytorch != null) {
            rows.add(new Row(engines.get(EngineName.PYTORCH), pytorch, null, pytorch.size(),
                    bySeed.get(EngineName.PYTORCH)));
        }
        List<String> others = finals.keySet().stream().filter(name -> !name.equals(EngineName.PYTORCH)).toList();
        List<AccuracyDifference> differences = pytorch == null ? null
                : AccuracyDifference.ofRows(others.stream().map(finals::get).toList(), pytorch);
        for (int i = 0; i < others.size(); i++) {
            String name = others.get(i);
            rows.add(new Row(engines.get(name), finals.get(name), differences == null ? null : differences.get(i),
                    pytorch == null ? 0 : pytorch.size(), bySeed.get(name)));
        }
        return new AccuracyComparison(machine, recipe, dropout, rows);
    }

    /**
     * "seeds profile: 96 px, 5 epochs, batch 128, lr 0.1, shared dropout" (with the data slices when not the full data).
     * The profile is part of it so that a study run under a profile of its own (the seed study's {@code seeds}) is
     * compared within itself, not pooled with older runs of the same settings made at other commits and times.
     */
    static String recipe(TrainedEngine r) {
        var c = r.config();
        return String.format(Locale.ROOT, "%s profile: %d px, %d epochs, batch %d, lr %s, %s dropout%s", r.profile(),
                r.inputSide(), c.epochs(),
                c.batchSize(), ReportTables.number(c.learningRate(), 2).replaceAll("0+$", "").replaceAll("\\.$", ""),
                c.dropout().label(), c.trainLimit() > 0 || c.testLimit() > 0
                        ? ", " + c.trainLimit() + "/" + c.testLimit() + " images" : "");
    }
}
