package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCodecTest {

    private final TokenCodec codec = new TokenCodec("secret-key");
    private final Token token = new Token("alice", "phone-1", 2, 7, 1000, 5000);

    @Test
    void roundTrips() {
        assertThat(codec.decode(codec.encode(token))).contains(token);
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() {
        String other = new TokenCodec("other-key").encode(token);
        assertThat(codec.decode(other)).isEmpty();
    }

    @Test
    void rejectsATamperedBody() {
        String t = codec.encode(token);
        String forged = codec.encode(new Token("mallory", "phone-1", 2, 7, 1000, 5000));
        String mixed = forged.substring(0, forged.indexOf('.', 3)) + t.substring(t.indexOf('.', 3));
        assertThat(codec.decode(mixed)).isEmpty();
    }

    @Test
    void rejectsGarbage() {
        assertThat(codec.decode(null)).isEmpty();
        assertThat(codec.decode("")).isEmpty();
        assertThat(codec.decode("v1.")).isEmpty();
        assertThat(codec.decode("v1.!!!.???")).isEmpty();
        assertThat(codec.decode("v1.AAAA.AAAA")).isEmpty();
    }

    @Test
    void expiryIsOptional() {
        assertThat(token.expired(4999)).isFalse();
        assertThat(token.expired(5000)).isTrue();
        assertThat(new Token("a", "b", 1, 1, 0, 0).expired(Long.MAX_VALUE)).isFalse();
    }
}
