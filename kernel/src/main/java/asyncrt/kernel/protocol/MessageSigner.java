package asyncrt.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks Jupyter messages with HMAC-SHA256 over the header, parent header, metadata and content
 * frames. With an empty key signing is off, as the messaging specification says.
 */
public final class MessageSigner {

    private static final String SCHEME = "hmac-sha256";

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /**
     * @param scheme the connection file's {@code signature_scheme}; only {@code hmac-sha256} is supported
     * @param key    the connection file's key
     */
    public MessageSigner(String scheme, String key) {
        if (!SCHEME.equals(scheme)) {
            throw new IllegalArgumentException("unsupported signature scheme '" + scheme + "' (supported: " + SCHEME + ")");
        }
        this.key = key.isEmpty() ? null : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Whether messages are signed at all. */
    public boolean enabled() {
        return key != null;
    }

    /** The lowercase hex signature of the given frames, or "" when signing is off. */
    public String sign(byte[]... frames) {
        if (key == null) {
            return "";
        }
        return HexFormat.of().formatHex(digest(frames));
    }

    /** Checks a signature in constant time. Always true when signing is off. */
    public boolean verify(byte[] signature, byte[]... frames) {
        if (key == null) {
            return true;
        }
        byte[] expected = HexFormat.of().formatHex(digest(frames)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }

    private byte[] digest(byte[]... frames) {
        Mac mac = macs.get();
        for (byte[] frame : frames) {
            mac.update(frame);
        }
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
