package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.core.engine.ParityCheck;
import dev.ninbench.core.weights.FixtureGenerator;
import dev.ninbench.core.weights.Safetensors;
import dev.ninbench.core.weights.SafetensorsFile;
import dev.ninbench.core.weights.TrainedFixtureGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mutation test of the engine contract's parity checks: PyTorch's reference computes with a bug an engine's port
 * could have (nin_reference.py --mutate), and the checks of the trained fixture ({@link ParityCheck} on
 * fixtures/d2l96-trained, as {@code BackendContract} runs them on every engine) must reject its outputs. The
 * reference without a mutation must pass them, else a failing check would prove nothing.
 */
class ParityMutationTest {
    private static final String FOLDER = TrainedFixtureGenerator.FOLDER;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"none", "align_corners", "flip_kernel", "transpose_kernel", "transpose_image", "drop_bias",
        "grad_half"})
    void everyMutationFailsTheChecksAndTheReferenceItselfPasses(String mutation) throws Exception {
        assumeTrue(new PyTorchReference("/usr/bin/python3").unavailableReason() == null,
                "no torch here: apt-get install python3-torch libopenblas0-pthread");
        Path out = tmp.resolve(mutation + ".safetensors");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "src/main/python/nin_reference.py",
                "--spec", fixture("spec.json"), "--weights", fixture("weights.safetensors"),
                "--batch", fixture("batch.safetensors"), "--out", out.toString(),
                "--lr", Double.toString(FixtureGenerator.LR), "--threads", "2",
                "--shared-masks", TrainedFixtureGenerator.SHARED_MASKS,
                "--max-after-elements", Integer.toString(FixtureGenerator.D2L_MAX_AFTER_ELEMENTS)));
        if (!mutation.equals("none")) {
            cmd.addAll(List.of("--mutate", mutation));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), printed);

        List<String> failures = failures(Safetensors.readFile(Path.of(fixture("expected.safetensors"))),
                Safetensors.readFile(out), Safetensors.readFile(Path.of(fixture("weights.safetensors"))));
        // what each mutation breaks, and by how much (the README's table of the checks' margins)
        System.out.println("mutation " + mutation + ": " + (failures.isEmpty() ? "passes" : failures.get(0))
                + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " other check(s))" : ""));
        if (mutation.equals("none")) {
            assertTrue(failures.isEmpty(), "the reference itself fails the checks: " + failures);
        } else {
            assertFalse(failures.isEmpty(), mutation + " passes every check");
        }
    }

    /** What {@code BackendContract}'s trained-fixture tests check, as failures (none: all pass). */
    private static List<String> failures(SafetensorsFile expected, SafetensorsFile got, SafetensorsFile before) {
        List<String> failures = new ArrayList<>();
        failures.add(ParityCheck.logits(expected.tensor("logits").data(), got.tensor("logits").data()));
        failures.add(ParityCheck.loss(expected.tensor("loss").data()[0], got.tensor("loss").data()[0]));
        failures.add(ParityCheck.logits(expected.tensor("train_logits").data(), got.tensor("train_logits").data()));
        for (String name : expected.tensors().keySet()) {
            if (name.startsWith("after.")) {
                String p = name.substring("after.".length());
                failures.add(ParityCheck.step(p, before.tensor(p).data(), expected.tensor(name).data(),
                        got.tensor(name).data()));
            }
        }
        return failures.stream().filter(Objects::nonNull).toList();
    }

    private static String fixture(String name) {
        return FixtureGenerator.fixture(FOLDER + "/" + name).toString();
    }
}
