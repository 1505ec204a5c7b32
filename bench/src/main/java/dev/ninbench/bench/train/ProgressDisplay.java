package dev.ninbench.bench.train;

import dev.ninbench.bench.rundir.EngineOutcomes;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.worker.WorkerEvent;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per epoch of one engine, drawn from its worker's events, and a line per finished epoch. */
final class ProgressDisplay implements AutoCloseable {
    private final String engine;
    private final int epochs;
    private ProgressBar bar;
    private int barEpoch;

    ProgressDisplay(String engine, int epochs) {
        this.engine = engine;
        this.epochs = epochs;
    }

    void onEvent(WorkerEvent e) {
        if (e instanceof WorkerEvent.Info i) {
            System.out.printf("%s: %s on %s %s%n", engine, i.info().engine(), i.info().device(), i.info().settings());
        } else if (e instanceof WorkerEvent.Step s) {
            step(s);
        } else if (e instanceof WorkerEvent.Epoch epoch) {
            closeBar();
            EpochResult r = epoch.result();
            System.out.printf("%s epoch %d/%d: train loss %.4f, test loss %.4f, test accuracy %.4f, %.1f s, %.1f img/s%n",
                    engine, r.epoch(), epochs, r.trainLoss(), r.testLoss(), r.testAccuracy(), r.trainSeconds(),
                    r.imagesPerSecond());
        }
    }

    private void step(WorkerEvent.Step e) {
        if (bar == null || barEpoch != e.epoch()) {
            closeBar();
            barEpoch = e.epoch();
            bar = new ProgressBarBuilder()
                    .setTaskName(engine + " epoch " + e.epoch() + "/" + epochs)
                    .setInitialMax(e.steps())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" steps", 1)
                    .setUpdateIntervalMillis(System.console() != null ? 200 : 10_000) // logs get a line every 10 s
                    .build();
        }
        bar.stepTo(e.step());
        bar.setExtraMessage(String.format("loss %.3f, %.0f img/s", e.loss(), e.imagesPerSecond()));
    }

    void failed(String reason) {
        closeBar();
        System.out.println(engine + (reason.startsWith(EngineOutcomes.INTERRUPTED) ? " stopped: " : " FAILED: ")
                + reason);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}
