/**
 * The suite's shared dropout masks: a pure function of (seed, epoch, step, layer) that every engine and PyTorch
 * multiply by, written down in docs/dropout-masks.md so that any language reproduces it bit for bit. Below both the
 * engine SPI (which hands each step its masks) and the training loop (which says which step it is).
 */
package dev.ninbench.core.dropout;
