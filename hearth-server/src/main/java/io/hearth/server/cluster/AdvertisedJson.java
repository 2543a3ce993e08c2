package io.hearth.server.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an advertised node, shared by {@code /route}, {@code /api/nodes} and {@code /admin/nodes}: ports that
 * are not offered are left out, {@code backupAddresses} is always present.
 */
public final class AdvertisedJson {

    private AdvertisedJson() {
    }

    public static Map<String, Object> of(Advertised a) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("host", a.host());
        putPort(r, "longPort", a.longPort());
        r.put("shortPort", a.shortPort());
        putPort(r, "sslPort", a.sslPort());
        r.put("wsHost", a.wsHost());
        putPort(r, "wsPort", a.wsPort());
        putPort(r, "wssPort", a.wssPort());
        List<Map<String, Object>> backups = a.backups().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", b.host());
            m.put("shortPort", b.shortPort());
            m.put("longPort", b.longPort());
            m.put("wsPort", b.wsPort());
            return m;
        }).toList();
        r.put("backupAddresses", backups);
        return r;
    }

    /** {@code nodeId} first, then the advertised addresses. */
    public static Map<String, Object> of(int nodeId, Advertised a) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("nodeId", nodeId);
        r.putAll(of(a));
        return r;
    }

    private static void putPort(Map<String, Object> r, String name, int port) {
        if (port >= 0) {
            r.put(name, port);
        }
    }
}
