/**
 * The one training loop every engine runs ({@link dev.ninbench.core.train.Trainer}): its settings, the evaluation
 * after each epoch and what an epoch measured ({@link dev.ninbench.core.train.EpochResult}).
 */
package dev.ninbench.core.train;
