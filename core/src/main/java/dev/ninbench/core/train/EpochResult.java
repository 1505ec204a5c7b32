package dev.ninbench.core.train;

/**
 * What one finished epoch measured.
 *
 * @param epoch            1-based
 * @param steps            SGD steps taken
 * @param trainLoss        mean of the steps' losses (train mode, dropout on)
 * @param trainAccuracy    top-1 accuracy of the steps' train-mode logits over the epoch (before each step's update,
 *                         dropout on), as d2l's {@code train_ch6} reports it; null in records written before it was kept
 * @param testLoss         mean cross-entropy on the test set (eval mode)
 * @param testAccuracy     top-1 accuracy on the test set (eval mode)
 * @param trainSeconds     wall time of the epoch's training steps, batching included
 * @param evalSeconds      wall time of the evaluation after it
 * @param imagesPerSecond  training images per second over the epoch
 * @param othersCpuShare   the share (0-1) of the machine's CPU that other processes and the hypervisor's steal took
 *                         while the epoch trained and was evaluated ({@code MachineShare}): its seconds mean something
 *                         only when this stayed small; null where not measured (records written before schema 3, or
 *                         a system without Linux's /proc/stat)
 */
public record EpochResult(int epoch, int steps, double trainLoss, Double trainAccuracy, double testLoss,
                          double testAccuracy, double trainSeconds, double evalSeconds, double imagesPerSecond,
                          Double othersCpuShare) {
}
