/**
 * {@code hearth-bench hostile}: a paced single-chat load of legitimate users (Java SDK) run alongside one attack
 * at a time (poisoned sends, a subscription flood, a slow consumer, a connection flood), each phase measured on
 * its own: the legitimate users' acks/s, failures, ack and delivery latency, fresh logins, and the node's RSS,
 * descriptors and direct memory. {@link io.hearth.bench.hostile.HostileBench} runs the phases;
 * {@link io.hearth.bench.hostile.LegitLoad} is the load; the {@code Attack} implementations are the attackers, each
 * an ordinary logged-in user except the connection flood, which runs in a child process (its own descriptors).
 */
package io.hearth.bench.hostile;
