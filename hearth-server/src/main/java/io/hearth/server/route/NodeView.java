package io.hearth.server.route;

import io.hearth.server.cluster.Advertised;

/** A live node as clients may see it: its id, its advertised addresses and whether it is being drained. */
public record NodeView(int nodeId, Advertised advertised, boolean draining) {
}
