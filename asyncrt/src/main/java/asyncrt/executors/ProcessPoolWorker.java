package asyncrt.executors;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The program a {@link ProcessPoolExecutor} runs in each worker JVM: it reads calls from its
 * standard input, runs them and writes back their results (see {@link Wire}). Classes it cannot
 * find on its class path — those of a JShell cell, say — it asks the pool for. It ends when its
 * standard input does. Not meant to be started by hand.
 */
public final class ProcessPoolWorker {
    private ProcessPoolWorker() {}

    public static void main(String[] args) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err);  // what the functions print must not mix with the conversation
        ClassLoader loader = new PoolClassLoader(in, out);
        int type;
        while ((type = in.read()) == Wire.CALL) {
            byte[] call = Wire.receivePayload(in);
            byte[] reply;
            int replyType;
            try {
                reply = Wire.serialize(run((Object[]) Wire.deserialize(call, loader)));
                replyType = Wire.RESULT;
            } catch (Throwable t) {
                reply = serializeFailure(t);
                replyType = Wire.ERROR;
            }
            Wire.send(out, replyType, reply);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object run(Object[] call) throws Exception {
        Object function = call[0];
        if (function instanceof Function<?, ?> f) {
            return ((Function<Object, Object>) f).apply(call[1]);
        }
        if (function instanceof Callable<?> c) {
            return c.call();
        }
        ((Runnable) function).run();
        return null;
    }

    private static byte[] serializeFailure(Throwable t) throws NotSerializableException {
        try {
            return Wire.serialize(t);
        } catch (NotSerializableException | RuntimeException e) {
            RuntimeException plain = new RuntimeException(t.toString() + " (in the worker process; not serializable: " + e.getMessage() + ")");
            plain.setStackTrace(t.getStackTrace());
            return Wire.serialize(plain);
        }
    }

    /** Finds classes on the worker's class path first, then asks the pool for their bytes. */
    private static final class PoolClassLoader extends ClassLoader {
        private final DataInputStream in;
        private final DataOutputStream out;

        PoolClassLoader(DataInputStream in, DataOutputStream out) {
            super(ClassLoader.getSystemClassLoader());
            this.in = in;
            this.out = out;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes;
            try {
                out.write(Wire.LOAD);
                out.writeUTF(name);
                out.flush();
                if (in.read() != Wire.CLASS) {
                    throw new IOException("the pool sent something else than the class asked for");
                }
                int length = in.readInt();
                bytes = length < 0 ? null : in.readNBytes(length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name + ": cannot ask the pool for it", e);
            }
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
