package dev.ninbench.bench.train;

import dev.ninbench.bench.launch.EngineResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.worker.StepLosses.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** train's end-of-run table, on made-up rows: no engine runs. */
class ResultsTableTest {
    private static final List<Step> TORCH_STEPS = steps(2.3026f, 2.3024f, 2.3031f, 2.3020f);

    @Test
    void aSmokeRunShowsEachEnginesLossBesidePyTorchsAndSaysChanceIsExpected() {
        List<Step> dl4j = steps(2.3026f, 2.3024f, 2.30313f, 2.3020f); // 3e-5 apart at the third step
        String table = ResultsTable.render(List.of(row("pytorch", 4, 2.3025, 0.0940), row("dl4j", 4, 2.3025, 0.0940)),
                Map.of("pytorch", TORCH_STEPS, "dl4j", dl4j));
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("engine .*train loss\\s+PyTorch's\\s+largest \\|loss - PyTorch's\\|"), table);
        assertTrue(lines.get(1).matches("pytorch\\s+X 1\\s+ok\\s+0.0940\\s+2.0\\s+256.0\\s+2.3025\\s+-\\s+-"), table);
        assertTrue(lines.get(2).matches("dl4j\\s+X 1\\s+ok\\s+0.0940 .*2.3025\\s+2.3025\\s+3.0e-05 at step 3 of 4"),
                table);
        assertEquals("Accuracy at chance (~0.10) is expected after 4 steps: NiN sits on its initial loss plateau for "
                + "its first few hundred steps; the cpu profile (`--profile cpu`) shows learning.", lines.get(3));
        assertEquals(4, lines.size(), table);
    }

    /** The line is computed: a long run, or one where a row learned, does not get it. */
    @Test
    void theChanceLineIsOnlyForRunsTooShortToLeaveThePlateau() {
        assertNull(ResultsTable.chanceLine(List.of(row("dl4j", ResultsTable.PLATEAU_STEPS, 2.3, 0.10))));
        assertNull(ResultsTable.chanceLine(List.of(row("pytorch", 4, 2.3, 0.10), row("dl4j", 4, 1.9, 0.31))));
        assertNull(ResultsTable.chanceLine(List.of(new EngineResult("dl4j", null, List.of(), "died", 134))));
        assertTrue(ResultsTable.chanceLine(List.of(row("dl4j", ResultsTable.PLATEAU_STEPS - 1, 2.3, 0.15)))
                .contains("after 99 steps"));
    }

    @Test
    void withoutPyTorchsRowThereIsNoComparison() {
        String table = ResultsTable.render(List.of(row("dl4j", 4, 2.3025, 0.0940)), Map.of("dl4j", TORCH_STEPS));
        assertTrue(table.lines().findFirst().orElseThrow().endsWith("train loss"), table);
        assertFalse(table.contains("PyTorch"), table);
    }

    @Test
    void theLargestDifferenceComparesTheSameStepsAndSaysWhichAndHowMany() {
        List<Step> engine = List.of(new Step(1, 1, 2.0f), new Step(1, 2, 2.5f), new Step(2, 1, 1.0f));
        List<Step> torch = List.of(new Step(1, 1, 2.0f), new Step(2, 1, 1.25f)); // no step 1.2: not compared
        assertEquals("2.5e-01 at step 2 of 2", ResultsTable.largestDifference(engine, torch));
        assertEquals("-", ResultsTable.largestDifference(engine, List.of()));
    }

    private static EngineResult row(String name, int steps, double trainLoss, double accuracy) {
        BackendInfo info = new BackendInfo(name, "X 1", "1", "cpu", true, null, Map.of(), List.of("cpu"));
        return new EngineResult(name, info, List.of(new EpochResult(1, steps, trainLoss, 0.1, 2.3, accuracy, 2.0, 0.5,
                256.0, null)), null, 0);
    }

    private static List<Step> steps(float... losses) {
        return java.util.stream.IntStream.range(0, losses.length).mapToObj(i -> new Step(1, i + 1, losses[i])).toList();
    }
}
