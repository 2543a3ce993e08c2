package io.hearth.server.deploy.nginx;

/**
 * Bases of the per-node ports nginx listens on: node {@code n} gets {@code base + n} (its node_id), so node 1 of
 * the defaults gets 11881 (MQTT over TCP), 10081 (short HTTP), 12081 (WebSocket), 13081 (secure WebSocket) and
 * 14081 (MQTT over TLS). Direct mode uses only the two WebSocket bases.
 */
public record PortPlan(int longBase, int httpBase, int wsBase, int wssBase, int sslBase) {

    public static final PortPlan DEFAULTS = new PortPlan(11880, 10080, 12080, 13080, 14080);

    public PortPlan {
        for (int base : new int[] {longBase, httpBase, wsBase, wssBase, sslBase}) {
            if (base < 1 || base + 127 > 65535) {
                throw new IllegalArgumentException("port base " + base + " is outside 1..65408");
            }
        }
    }

    /** All five bases at {@code first}, {@code first + step}, ... in the order long, http, ws, wss, ssl. */
    public static PortPlan from(int first, int step) {
        return new PortPlan(first, first + step, first + 2 * step, first + 3 * step, first + 4 * step);
    }
}
