package asyncrt.kernel.protocol;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connection file a Jupyter front end writes for a kernel: where to bind each channel and the key
 * that signs every message.
 *
 * @param transport       {@code tcp} or {@code ipc}
 * @param ip              the address (tcp) or path prefix (ipc) to bind
 * @param shellPort       shell channel port
 * @param controlPort     control channel port
 * @param iopubPort       IOPub channel port
 * @param stdinPort       stdin channel port
 * @param heartbeatPort   heartbeat channel port
 * @param signatureScheme the HMAC scheme, {@code hmac-sha256}
 * @param key             the signing key; empty means messages are not signed
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int controlPort, int iopubPort,
                             int stdinPort, int heartbeatPort, String signatureScheme, String key) {

    /** Reads and checks a connection file. */
    public static ConnectionInfo read(Path file) throws IOException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException("connection file " + file + " is not a JSON object: " + e.getMessage(), e);
        }
        try {
            return new ConnectionInfo(
                    json.has("transport") ? json.get("transport").getAsString() : "tcp",
                    json.get("ip").getAsString(),
                    json.get("shell_port").getAsInt(),
                    json.get("control_port").getAsInt(),
                    json.get("iopub_port").getAsInt(),
                    json.get("stdin_port").getAsInt(),
                    json.get("hb_port").getAsInt(),
                    json.has("signature_scheme") ? json.get("signature_scheme").getAsString() : "hmac-sha256",
                    json.has("key") ? json.get("key").getAsString() : "");
        } catch (RuntimeException e) {
            throw new IOException("connection file " + file + " lacks a field or has a wrong one: " + e, e);
        }
    }

    /** The ZeroMQ endpoint for one of this file's ports. */
    public String endpoint(int port) {
        return switch (transport) {
            case "tcp" -> "tcp://" + ip + ":" + port;
            case "ipc" -> "ipc://" + ip + "-" + port;
            default -> throw new IllegalArgumentException("unknown transport '" + transport + "' (known: tcp, ipc)");
        };
    }
}
