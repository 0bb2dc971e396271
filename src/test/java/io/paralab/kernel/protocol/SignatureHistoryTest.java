package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signer refuses a message whose signature it computed before, as ipykernel's digest history does. */
class SignatureHistoryTest {

    private static KernelConnectionProperties props(String key) {
        return KernelConnectionProperties.parse("{\"ip\": \"127.0.0.1\", \"transport\": \"tcp\", \"shell_port\": 1, "
                + "\"control_port\": 2, \"stdin_port\": 3, \"hb_port\": 4, \"iopub_port\": 5, "
                + "\"signature_scheme\": \"hmac-sha256\", \"key\": \"" + key + "\"}");
    }

    private static byte[][] frames(String header) {
        return new byte[][]{header.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8), "{\"code\": \"1\"}".getBytes(StandardCharsets.UTF_8)};
    }

    @Test
    void aSignatureSeenBeforeIsARepeat() throws Exception {
        SignatureHistory signer = assertInstanceOf(SignatureHistory.class, SignatureHistory.of(props("secret")));
        signer.calculateSignature(frames("{\"msg_id\": \"a\"}"));
        assertTrue(signer.firstTime());
        signer.calculateSignature(frames("{\"msg_id\": \"b\"}"));
        assertTrue(signer.firstTime());
        signer.calculateSignature(frames("{\"msg_id\": \"a\"}"));
        assertFalse(signer.firstTime(), "the replay of the first message");
    }

    @Test
    void eachThreadIsAskedAboutTheMessageItRead() throws Exception {
        SignatureHistory signer = (SignatureHistory) SignatureHistory.of(props("secret"));
        signer.calculateSignature(frames("{\"msg_id\": \"c\"}"));
        Thread other = Thread.ofPlatform().start(() -> signer.calculateSignature(frames("{\"msg_id\": \"d\"}")));
        other.join();
        assertTrue(signer.firstTime());
        signer.calculateSignature(frames("{\"msg_id\": \"d\"}"));
        assertTrue(signer.firstTime(), "computed, but never checked, on the other thread");
    }

    @Test
    void withoutAKeyNothingIsSignedOrRefused() throws Exception {
        assertSame(HMACGenerator.NO_AUTH_INSTANCE, SignatureHistory.of(props("")));
    }
}
