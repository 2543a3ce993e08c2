package io.hearth.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiSignatureTest {

    @Test
    void matchesTheReferenceTestVector() {
        assertThat(ApiSignature.sign("76616", "123456", "1558350862502"))
                .isEqualTo("b98f9b0717f59febccf1440067a7f50d9b31bdde");
    }
}
