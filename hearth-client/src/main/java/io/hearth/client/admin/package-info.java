/**
 * A small client of the server API ({@code /admin/...}), compatible with WildfireChat's: signed requests (nonce,
 * timestamp, SHA-1 sign over the shared secret) and a {@code {code, msg, result}} envelope. For app servers, tests
 * and the benchmark.
 */
package io.hearth.client.admin;
