package asyncrt.executors;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * The conversation between a {@link ProcessPoolExecutor} and its worker processes, over the
 * worker's standard input and output. Each message is a type byte and a payload:
 *
 * <pre>
 * pool → worker   CALL    length, serialized {function, argument}
 *                 CLASS   length (-1: no such class), class file bytes — the answer to LOAD
 * worker → pool   LOAD    name (writeUTF) of a class the worker cannot find on its class path
 *                 RESULT  length, serialized return value
 *                 ERROR   length, serialized exception
 * </pre>
 *
 * Objects travel as Java serialization bytes, so that the worker can ask for missing classes
 * (say, those a JShell cell defined) while it decodes a call.
 */
final class Wire {
    static final int CALL = 'C';
    static final int CLASS = 'B';
    static final int LOAD = 'L';
    static final int RESULT = 'R';
    static final int ERROR = 'E';

    private Wire() {}

    static void send(DataOutputStream out, int type, byte[] payload) throws IOException {
        out.write(type);
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    static byte[] receivePayload(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }

    static byte[] serialize(Object value) throws NotSerializableException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + value, e);
        }
        return bytes.toByteArray();
    }

    /** Decodes {@code bytes}, finding classes with {@code loader}. */
    static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);  // primitives and arrays of them
            }
        }
    }
}
