package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.SequencedSet;

/**
 * The connection's message signer, which also refuses a message that arrives a second time. A captured, correctly
 * signed {@code execute_request} sent again would otherwise run again; ipykernel refuses it by keeping a history of
 * the signatures it received, and so does this class: JJava's socket verifies each received message by computing
 * its signature on the reading thread, which this signer remembers for {@link #firstTime()}. The last
 * {@link #HISTORY} signatures are kept (ipykernel keeps 65,536 too). Without a key nothing is signed and nothing is
 * refused.
 *
 * <pre>{@code
 * SignatureHistory signer = SignatureHistory.of(props);
 * Message<?> message = socket.readMessage();   // a socket built with this signer
 * if (!signer.firstTime()) { ... }             // a replay: refuse it
 * }</pre>
 */
final class SignatureHistory extends HMACGenerator {

    /** How many signatures are remembered; the oldest are forgotten first. */
    static final int HISTORY = 65_536;

    private final ThreadLocal<String> lastComputed = new ThreadLocal<>();
    private final SequencedSet<String> seen = new LinkedHashSet<>();

    private SignatureHistory(String scheme, String key) throws NoSuchAlgorithmException, InvalidKeyException {
        super(scheme, key);
    }

    /** The signer {@code props} describe. */
    static HMACGenerator of(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        String key = props.getKey();
        return key == null || key.isEmpty() ? props.createHMACGenerator() : new SignatureHistory(props.getSignatureScheme(), key);
    }

    @Override
    public String calculateSignature(byte[]... message) {
        String signature = super.calculateSignature(message);
        lastComputed.set(signature);
        return signature;
    }

    /**
     * Whether the message the calling thread just read (and whose signature was checked) has a signature not seen
     * before; records it. Thread-safe.
     */
    synchronized boolean firstTime() {
        String signature = lastComputed.get();
        if (signature == null) {
            return true;
        }
        if (!seen.add(signature)) {
            return false;
        }
        if (seen.size() > HISTORY) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
