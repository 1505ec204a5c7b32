/**
 * The suite's one Jackson configuration ({@link dev.ninbench.core.json.Json}), shared by run records, jobs, events,
 * profiles and the launcher's files: a package of its own below every other, so that none imports another only to
 * read or write JSON.
 */
package dev.ninbench.core.json;
