/** The Hearth load generator: scenarios as picocli subcommands, latency with HdrHistogram. */
package io.hearth.bench;
