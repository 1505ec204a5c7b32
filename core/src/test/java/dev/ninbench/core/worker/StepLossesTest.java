package dev.ninbench.core.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepLossesTest {
    @TempDir
    Path dir;

    @Test
    void keepsEveryStepExactlyAndAResumeDropsTheEpochsItTrainsAgain() throws Exception {
        try (StepLosses losses = new StepLosses(dir, "djl", 1)) {
            losses.add(1, 1, 2.3025851f);
            losses.add(1, 2, 2.3001f);
            losses.flush();
            losses.add(2, 1, 1.5f); // epoch 2 cut off by a crash after this step
        }
        Path file = StepLosses.file(dir, "djl");
        assertEquals(List.of(new StepLosses.Step(1, 1, 2.3025851f), new StepLosses.Step(1, 2, 2.3001f),
                new StepLosses.Step(2, 1, 1.5f)), StepLosses.read(file));
        try (StepLosses resumed = new StepLosses(dir, "djl", 2)) {
            resumed.add(2, 1, 1.25f);
        }
        assertEquals(List.of(new StepLosses.Step(1, 1, 2.3025851f), new StepLosses.Step(1, 2, 2.3001f),
                new StepLosses.Step(2, 1, 1.25f)), StepLosses.read(file));
        assertEquals("epoch,step,loss", Files.readAllLines(file).get(0));
    }

    @Test
    void aCutOffLastLineIsLeftOutButADamagedLineElsewhereIsAnError() throws Exception {
        Path file = StepLosses.file(dir, "tf");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "epoch,step,loss\n1,1,2.3\n1,2,2.");
        assertEquals(List.of(new StepLosses.Step(1, 1, 2.3f)), StepLosses.read(file));
        Files.writeString(file, "epoch,step,loss\n1,1\n1,2,2.25\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepLosses.read(file));
        assertEquals(file + ":2: expected epoch,step,loss, got '1,1'", e.getMessage());
    }
}
