package io.hearth.server.cluster;

import java.util.List;
import java.util.function.IntConsumer;

/** Which nodes are alive. Any thread; implementations keep their own view current. */
public interface Membership {

    int selfId();

    /** Live nodes, ordered by node id, including this one and draining ones. */
    List<NodeInfo> liveNodes();

    /** Marks this node as draining (or not): the route stops sending new clients here. */
    void setDraining(boolean draining);

    /** Called with the id of every node that leaves or dies, on a cluster event thread. */
    void onNodeLeft(IntConsumer listener);
}
