/**
 * The machine a figure was measured on: its description as records carry it
 * ({@link dev.ninbench.core.machine.Environment}: CPU model and flags, cores, memory, OS, JDK, GPUs), its clock and
 * theoretical peak, and how much of its CPU other processes took while a run trained
 * ({@link dev.ninbench.core.machine.MachineShare}).
 */
package dev.ninbench.core.machine;
