package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpExchangeTest {

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsHeadAndContentLengthBody() throws Exception {
        InputStream in = in("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nServer: nginx/1.22.1\r\n\r\n{}rest");
        HttpExchange.Head head = HttpExchange.readHead(in);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.statusLine()).isEqualTo("HTTP 200 OK");
        assertThat(head.fromServer()).isEqualTo(" from nginx/1.22.1");
        assertThat(new String(HttpExchange.readBody(in, head), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void decodesAChunkedBody() throws Exception {
        InputStream in = in("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4;x=y\r\n\":1}\r\n0\r\n\r\n");
        HttpExchange.Head head = HttpExchange.readHead(in);

        assertThat(new String(HttpExchange.readBody(in, head), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void anAnswerThatIsNotHttpIsNamed() {
        assertThatThrownBy(() -> HttpExchange.readHead(in("\u0020\u0002\u0000\u0005")))
                .isInstanceOf(HttpExchange.NotHttpException.class).hasMessage(" ...");
    }
}
