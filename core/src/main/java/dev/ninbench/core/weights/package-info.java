/**
 * Weights as PyTorch names and lays them out ({@code state_dict}): the seeded Xavier initialisation every engine
 * starts from, and safetensors files to exchange weights and outputs between engines and with PyTorch.
 */
package dev.ninbench.core.weights;
