package io.hearth.server.cluster;

import java.util.function.Consumer;

/**
 * Node-to-node messages: fire-and-forget, delivered in send order per (sender, receiver) pair. Used for pushes
 * and kicks of users connected to another node.
 */
public interface NodeLink {

    void send(int nodeId, byte[] envelope);

    /** Receives envelopes addressed to this node, on a cluster event thread. */
    void onReceive(Consumer<byte[]> handler);
}
