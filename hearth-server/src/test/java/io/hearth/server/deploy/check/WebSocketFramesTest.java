package io.hearth.server.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {

    @Test
    void acceptValueIsTheRfc6455Example() {
        assertThat(WebSocketFrames.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void writesAMaskedFinalBinaryFrame() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebSocketFrames.writeBinary(out, new byte[] {1, 2, 3});
        byte[] f = out.toByteArray();

        assertThat(f).hasSize(2 + 4 + 3);
        assertThat(f[0] & 0xff).isEqualTo(0x82);
        assertThat(f[1] & 0xff).isEqualTo(0x80 | 3);
        for (int i = 0; i < 3; i++) {
            assertThat((byte) (f[6 + i] ^ f[2 + i])).isEqualTo((byte) (i + 1));
        }
    }

    @Test
    void readsPayloadsAcrossFramesAndAnswersPings() throws Exception {
        byte[] wire = {(byte) 0x89, 1, 7, 0x02, 2, 0x20, 2, (byte) 0x80, 2, 0, 5};
        ByteArrayOutputStream pong = new ByteArrayOutputStream();
        InputStream in = WebSocketFrames.payloads(new ByteArrayInputStream(wire), pong);

        assertThat(in.readNBytes(4)).containsExactly(0x20, 2, 0, 5);
        assertThat(pong.toByteArray()[0] & 0xff).isEqualTo(0x8A);
    }

    @Test
    void aCloseFrameEndsTheStreamWithItsCode() {
        byte[] wire = {(byte) 0x88, 4, 0x03, (byte) 0xEA, 'n', 'o'};
        InputStream in = WebSocketFrames.payloads(new ByteArrayInputStream(wire), new ByteArrayOutputStream());

        assertThatThrownBy(in::read).isInstanceOf(WebSocketFrames.ClosedException.class)
                .hasMessage("close code 1002 no");
    }
}
