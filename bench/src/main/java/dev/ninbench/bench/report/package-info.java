/**
 * The published results: reads run directories ({@link dev.ninbench.bench.report.ReportInputs}) and writes
 * {@code results/}: the first page, history, CSVs with their column dictionary, charts, and the verdict words, all by
 * one rule ({@link dev.ninbench.bench.report.Verdict}).
 */
package dev.ninbench.bench.report;
