package io.hearth.server.cluster;

import java.util.List;
import java.util.function.IntConsumer;

/** Which nodes are alive. Any thread; implementations keep their own view current. */
public interface Membership {

    int selfId();

    /**
     * Publishes what the route should tell clients about this node and where it listens; until then it is not
     * listed and gets no users.
     */
    void announce(Advertised advertised, BoundPorts bound);

    /** Live, announced nodes, ordered by node id, including this one and draining ones. */
    List<NodeInfo> liveNodes();

    /**
     * Marks this node as draining (or not): the route on every node stops sending users here. Takes effect on this
     * node at once and on the others as fast as the cluster replicates it (milliseconds).
     */
    void setDraining(boolean draining);

    /** Called with the id of every node that leaves or dies, on a cluster event thread. */
    void onNodeLeft(IntConsumer listener);

    /**
     * Called after a node joined or left, and after this node merged back into the cluster after a split-brain: the
     * moments when shared state (the presence directory) may have lost entries. On a cluster event thread: the
     * listener must only hand work off.
     */
    void onMembershipChanged(Runnable listener);
}
