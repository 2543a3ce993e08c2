package io.hearth.server.deploy.check;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Behind a public entry every address a node advertises (host, wsHost, backup hosts) must be reachable from the
 * internet: not loopback, unspecified, link-local or private. One result per node, naming the key to fix.
 */
final class AdvertisedAddresses {

    private AdvertisedAddresses() {
    }

    static CheckResult check(AdvertisedNode n) {
        String what = "node " + n.nodeId() + " advertised addresses";
        List<String> whys = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        boolean sameWsHost = n.wsHost().equalsIgnoreCase(n.host());
        judge(n, n.host(), sameWsHost ? "server.ip (and websocket_proxy_host)" : "server.ip", whys, fixes);
        if (!sameWsHost) {
            judge(n, n.wsHost(), "websocket_proxy_host", whys, fixes);
        }
        for (AdvertisedNode.Backup b : n.backups()) {
            judge(n, b.host(), "server.backup_address", whys, fixes);
        }
        if (whys.isEmpty()) {
            Set<String> hosts = new LinkedHashSet<>(List.of(n.host(), n.wsHost()));
            n.backups().forEach(b -> hosts.add(b.host()));
            return CheckResult.ok(what, "public: " + String.join(", ", hosts));
        }
        return CheckResult.fail(what, String.join("; ", whys), String.join("; ", fixes));
    }

    private static void judge(AdvertisedNode n, String host, String keys, List<String> whys, Set<String> fixes) {
        String fix = "set " + keys + " to the address clients can reach";
        if (host.isEmpty()) {
            whys.add("node " + n.nodeId() + " advertises an empty host");
            fixes.add(fix);
            return;
        }
        try {
            AddressClass c = AddressClass.ofHost(host);
            if (!c.reachableFromInternet()) {
                whys.add("node " + n.nodeId() + " advertises " + host + " (" + c.label() + ") behind a public entry");
                fixes.add(fix);
            }
        } catch (UnknownHostException e) {
            whys.add("node " + n.nodeId() + " advertises " + host + ", which does not resolve");
            fixes.add("add a DNS record for " + host + " or " + fix);
        }
    }
}
