/**
 * {@code hearth-bench group}: the reference's group scenarios. Groups are created through the server API, senders
 * among their members send {@code message.send} (conversation type 1) over MQTT 5 with the Java SDK, and the bench
 * measures messages/s, persisted deliveries/s (timeline rows written, counted in the node's database) and the
 * delivery latency to online members; {@code --super} runs one super group whose online members' SDKs pull each
 * message (pull type 2) when notified. {@link io.hearth.bench.group.GroupBench} is the command,
 * {@link io.hearth.bench.group.GroupLayout} who is in which group.
 */
package io.hearth.bench.group;
