package io.hearth.server.deploy.nginx;

import java.util.regex.Pattern;

/** Checks host names and addresses before they are written into an nginx file, where {@code ;} or a space would end a directive. */
final class Names {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]+");

    private Names() {
    }

    static void checkHost(String what, String value) {
        if (value == null || !HOST.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a host name or IP address");
        }
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
