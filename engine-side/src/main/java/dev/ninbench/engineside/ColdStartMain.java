package dev.ninbench.engineside;

import dev.ninbench.engineside.ColdStartEvent;
import dev.ninbench.core.data.Batch;
import dev.ninbench.core.engine.Backend;
import dev.ninbench.core.engine.Failures;
import dev.ninbench.core.engine.Model;
import dev.ninbench.core.engine.ModelOptions;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.weights.XavierInit;
import java.io.PrintStream;

/**
 * One cold start of one engine: the main class of a fresh engine JVM, which does what a user's first program does
 * (load the engine, build the net, train a step, infer) and announces each {@link ColdStartEvent} on its standard
 * output as it reaches it, with the wall-clock time. The launcher ({@code ColdStart}) times each from the moment it
 * started this JVM, so the JVM's own boot is in every figure. The model is the benchmarks' ({@link NinModelState}):
 * the d2l NiN with the seeded Xavier weights, a batch of seeded random images, the launcher's threads and device.
 *
 * <p>Arguments: the engine (or variant) name, the input side, the batch size. Exits 0 after the last event; on a
 * failure, 1 after a line saying why (its stack trace goes to standard error, the log).
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    public static void main(String[] args) {
        PrintStream events = System.out;
        System.setOut(System.err); // anything else printing to "stdout" (an engine's banner) goes to the log instead
        try {
            run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), events);
        } catch (RuntimeException | Error e) { // whatever stops the cold start is its result, in one line
            e.printStackTrace();
            events.println(ColdStartEvent.failureLine(Failures.oneLine(e)));
            events.flush();
            System.exit(1);
        }
        System.exit(0); // an engine's own non-daemon threads must not keep the JVM up
    }

    private static void run(String engine, int inputSide, int batchSize, PrintStream events) {
        // the first step's time is the engine's: no check of nin-bench's in it (its values do not matter here)
        System.setProperty(Model.SELF_CHECKS, "off");
        ModelOptions options = NinModelState.options();
        // natives: the JVM's boot, this suite's classes, the engine found and asked what it is. Every engine loads its
        // native library in info() (TensorFlow: TensorFlow.version(); DJL: Engine.getEngine("PyTorch"), libtorch;
        // DL4J: ND4J's backend and libnd4j, Nd4j.getExecutioner()) and applies its threads there
        Backend backend = NinModelState.usableBackend(engine, options);
        announce(events, ColdStartEvent.NATIVES);
        // model: the spec, the Xavier weights (drawn in Java), and the engine's graph or blocks built and given them
        NinSpec spec = NinSpec.d2l(inputSide);
        try (Model model = backend.open(spec, XavierInit.init(spec, NinModelState.SEED), options)) {
            announce(events, ColdStartEvent.MODEL);
            // trainStep: the batch (well under a millisecond) and one SGD step with the engine's own dropout; its loss
            // is on the host when it returns, so the engine has finished the step
            Batch batch = Batch.noise(batchSize, NinModelState.SEED);
            model.trainStep(batch);
            announce(events, ColdStartEvent.TRAIN_STEP);
            // inference: the eval-mode logits of the same batch, on the host
            model.logits(batch);
            announce(events, ColdStartEvent.INFERENCE);
        }
    }

    private static void announce(PrintStream events, ColdStartEvent event) {
        events.println(event.line(System.currentTimeMillis()));
        events.flush();
    }
}
