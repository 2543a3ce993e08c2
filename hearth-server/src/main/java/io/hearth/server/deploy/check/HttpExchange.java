package io.hearth.server.deploy.check;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over an open connection: writes a request, reads the status line and headers, and the
 * body (Content-Length, chunked, or up to the close). Written out instead of {@code java.net.http} so a check sees
 * exactly what came back (a proxy's 400 to an upgrade, a plain-text answer on a TLS port) and keeps the connection
 * for what follows (a WebSocket). Called on the checking thread; blocking, bounded by the socket timeout.
 */
final class HttpExchange {

    static final int MAX_BODY = 1 << 20;

    /** Status line and headers (names in lower case). */
    record Head(int status, String reason, Map<String, String> headers) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        String statusLine() {
            return "HTTP " + status + (reason.isEmpty() ? "" : " " + reason);
        }

        /** {@code " from nginx/1.22.1"} when the answer names its server, else empty. */
        String fromServer() {
            String server = header("server");
            return server.isEmpty() ? "" : " from " + server;
        }
    }

    record Response(Head head, byte[] body) {
    }

    private HttpExchange() {
    }

    static void writeRequest(OutputStream out, String method, String hostHeader, String path,
                             Map<String, String> headers) throws IOException {
        StringBuilder b = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(hostHeader).append("\r\n");
        b.append("User-Agent: hearth-check\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        b.append("\r\n");
        out.write(b.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads the status line and headers; {@link NotHttpException} when the first line is not an HTTP status. */
    static Head readHead(InputStream in) throws IOException {
        String status = readLine(in);
        if (!status.startsWith("HTTP/1.")) {
            throw new NotHttpException(status);
        }
        String[] parts = status.split(" ", 3);
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            throw new NotHttpException(status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return new Head(code, parts.length > 2 ? parts[2] : "", headers);
    }

    /** The first line was not HTTP: the message is that line, printable characters only. */
    static final class NotHttpException extends IOException {
        NotHttpException(String line) {
            super(printable(line), null);
        }
    }

    static byte[] readBody(InputStream in, Head head) throws IOException {
        if (head.status() == 204 || head.status() == 304 || head.status() / 100 == 1) {
            return new byte[0];
        }
        if (head.header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(readLine(in)); size > 0; size = chunkSize(readLine(in))) {
                if (body.size() + size > MAX_BODY) {
                    throw new IOException("body larger than " + MAX_BODY + " bytes");
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
            return body.toByteArray();
        }
        String length = head.header("content-length");
        if (!length.isEmpty()) {
            int n = Integer.parseInt(length.trim());
            if (n > MAX_BODY) {
                throw new IOException("body larger than " + MAX_BODY + " bytes");
            }
            byte[] body = in.readNBytes(n);
            if (body.length < n) {
                throw new EOFException("body cut after " + body.length + " of " + n + " bytes");
            }
            return body;
        }
        return in.readNBytes(MAX_BODY);
    }

    private static int chunkSize(String line) throws IOException {
        int semi = line.indexOf(';');
        try {
            return Integer.parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + printable(line));
        }
    }

    /** One line without its CRLF; EOF before any byte is an {@link EOFException}. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = b.length() > 0 && b.charAt(b.length() - 1) == '\r' ? b.length() - 1 : b.length();
                return b.substring(0, end);
            }
            if (b.length() > 8192) {
                throw new NotHttpException(b.toString());
            }
            b.append((char) c);
        }
        if (b.length() == 0) {
            throw new EOFException("connection closed");
        }
        throw new NotHttpException(b.toString());
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 60; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        return b.toString();
    }
}
