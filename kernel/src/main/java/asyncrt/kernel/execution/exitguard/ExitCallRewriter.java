package asyncrt.kernel.execution.exitguard;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a compiled cell class so that its calls to {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} go to {@link ExitGuard} instead, which refuses them: cell code runs in the kernel's own
 * JVM, and since JDK 24 no security manager can stop an exit. A class that calls none of them is returned
 * unchanged after a scan of its constant pool.
 *
 * <p>{@code System.exit} is redirected in its constant-pool entry, which also covers {@code System::exit}.
 * The two {@code Runtime} methods are instance methods, so their {@code invokevirtual} instructions become
 * {@code invokestatic} of a guard method that takes the {@code Runtime} as its first argument: the same length
 * and the same stack effect, so no offset or stack map changes.
 */
public final class ExitCallRewriter {

    static final String GUARD = ExitGuard.class.getName().replace('.', '/');

    private static final int UTF8 = 1, CLASS = 7, METHODREF = 10, NAME_AND_TYPE = 12, METHOD_HANDLE = 15;
    private static final int REF_INVOKE_VIRTUAL = 5, REF_INVOKE_STATIC = 6;
    private static final int INVOKEVIRTUAL = 0xb6, INVOKESTATIC = 0xb8;

    private ExitCallRewriter() {
    }

    /** The class with its exit calls redirected, or the same array when it has none or cannot be read. */
    public static byte[] rewrite(byte[] classFile) {
        try {
            return new Rewrite(classFile).run();
        } catch (RuntimeException e) {
            return classFile; // not a class file we understand: leave it to the JVM's verifier
        }
    }

    /** One pass over one class file. */
    private static final class Rewrite {
        private final byte[] in;
        private final int[] offsets;
        private final int poolEnd;
        private final List<byte[]> appended = new ArrayList<>();
        private int nextIndex;

        Rewrite(byte[] in) {
            this.in = in;
            int count = u2(8);
            offsets = new int[count];
            int at = 10;
            for (int i = 1; i < count; i++) {
                offsets[i] = at;
                int tag = in[at] & 0xff;
                at += switch (tag) {
                    case UTF8 -> 3 + u2(at + 1);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> 5;
                    case 5, 6 -> 9;
                    case 7, 8, 16, 19, 20 -> 3;
                    case METHOD_HANDLE -> 4;
                    default -> throw new IllegalArgumentException("constant pool tag " + tag);
                };
                if (tag == 5 || tag == 6) {
                    i++;
                }
            }
            poolEnd = at;
            nextIndex = count;
        }

        byte[] run() {
            byte[] out = in.clone();
            int guardClass = 0;
            int[] virtualTargets = new int[offsets.length]; // old Methodref index -> new static Methodref
            boolean changed = false;
            for (int i = 1; i < offsets.length; i++) {
                if (offsets[i] == 0 || (in[offsets[i]] & 0xff) != METHODREF) {
                    continue;
                }
                String owner = utf8(u2(offsets[u2(offsets[i] + 1)] + 1));
                int nat = offsets[u2(offsets[i] + 3)];
                String name = utf8(u2(nat + 1));
                String descriptor = utf8(u2(nat + 3));
                if (!descriptor.equals("(I)V")) {
                    continue;
                }
                boolean systemExit = owner.equals("java/lang/System") && name.equals("exit");
                boolean runtimeExit = owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt"));
                if (!systemExit && !runtimeExit) {
                    continue;
                }
                if (guardClass == 0) {
                    guardClass = append(CLASS, utf8Entry(GUARD));
                }
                if (systemExit) {
                    put2(out, offsets[i] + 1, guardClass);
                } else {
                    String guardName = name.equals("exit") ? "runtimeExit" : "runtimeHalt";
                    int newNat = append(NAME_AND_TYPE, utf8Entry(guardName), utf8Entry("(Ljava/lang/Runtime;I)V"));
                    virtualTargets[i] = append(METHODREF, guardClass, newNat);
                }
                changed = true;
            }
            if (!changed) {
                return in;
            }
            for (int i = 1; i < offsets.length; i++) {
                int at = offsets[i];
                if (at != 0 && (in[at] & 0xff) == METHOD_HANDLE && (in[at + 1] & 0xff) == REF_INVOKE_VIRTUAL
                        && virtualTargets[u2(at + 2)] != 0) {
                    out[at + 1] = REF_INVOKE_STATIC;
                    put2(out, at + 2, virtualTargets[u2(at + 2)]);
                }
            }
            rewriteInvokes(out, virtualTargets);
            return assemble(out);
        }

        /** Turns each {@code invokevirtual} of a Runtime exit into {@code invokestatic} of its guard. */
        private void rewriteInvokes(byte[] out, int[] virtualTargets) {
            int at = poolEnd + 6;
            at += 2 + 2 * u2(at);              // interfaces
            at = skipMembers(at, null, null);  // fields
            skipMembers(at, out, virtualTargets);
        }

        private int skipMembers(int at, byte[] out, int[] virtualTargets) {
            int count = u2(at);
            at += 2;
            for (int m = 0; m < count; m++) {
                int attributes = u2(at + 6);
                at += 8;
                for (int a = 0; a < attributes; a++) {
                    int length = u4(at + 2);
                    if (out != null && utf8(u2(at)).equals("Code")) {
                        int codeStart = at + 14;
                        patchCode(out, codeStart, codeStart + u4(at + 10), virtualTargets);
                    }
                    at += 6 + length;
                }
            }
            return at;
        }

        private void patchCode(byte[] out, int start, int end, int[] virtualTargets) {
            int pc = start;
            while (pc < end) {
                int opcode = in[pc] & 0xff;
                if (opcode == INVOKEVIRTUAL && virtualTargets[u2(pc + 1)] != 0) {
                    out[pc] = (byte) INVOKESTATIC;
                    put2(out, pc + 1, virtualTargets[u2(pc + 1)]);
                }
                pc += instructionLength(opcode, pc, start);
            }
        }

        private int instructionLength(int opcode, int pc, int codeStart) {
            int pad = (4 - (pc + 1 - codeStart) % 4) % 4;
            return switch (opcode) {
                case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3a, 0xa9, 0xbc -> 2;
                case 0x11, 0x13, 0x14, 0x84, 0xbb, 0xbd, 0xc0, 0xc1, 0xc6, 0xc7 -> 3;
                case 0xc5 -> 4;
                case 0xb9, 0xba, 0xc8, 0xc9 -> 5;
                case 0xaa -> 1 + pad + 12 + 4 * (u4(pc + 1 + pad + 8) - u4(pc + 1 + pad + 4) + 1);
                case 0xab -> 1 + pad + 8 + 8 * u4(pc + 1 + pad + 4);
                case 0xc4 -> (in[pc + 1] & 0xff) == 0x84 ? 6 : 4;
                default -> {
                    if (opcode >= 0x99 && opcode <= 0xa8 || opcode >= 0xb2 && opcode <= 0xb8) {
                        yield 3;
                    }
                    if (opcode > 0xc9) {
                        throw new IllegalArgumentException("opcode " + opcode);
                    }
                    yield 1;
                }
            };
        }

        private byte[] assemble(byte[] patched) {
            var bytes = new ByteArrayOutputStream(patched.length + 128);
            bytes.write(patched, 0, 8);
            bytes.write(nextIndex >> 8);
            bytes.write(nextIndex);
            bytes.write(patched, 10, poolEnd - 10);
            appended.forEach(bytes::writeBytes);
            bytes.write(patched, poolEnd, patched.length - poolEnd);
            return bytes.toByteArray();
        }

        private int utf8Entry(String text) {
            var bytes = new ByteArrayOutputStream();
            try (var data = new DataOutputStream(bytes)) {
                data.writeByte(UTF8);
                data.writeUTF(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            appended.add(bytes.toByteArray());
            return nextIndex++;
        }

        private int append(int tag, int... indices) {
            byte[] entry = new byte[1 + 2 * indices.length];
            entry[0] = (byte) tag;
            for (int i = 0; i < indices.length; i++) {
                put2(entry, 1 + 2 * i, indices[i]);
            }
            appended.add(entry);
            return nextIndex++;
        }

        private String utf8(int index) {
            int at = offsets[index];
            return new String(in, at + 3, u2(at + 1), StandardCharsets.UTF_8);
        }

        private int u2(int at) {
            return (in[at] & 0xff) << 8 | in[at + 1] & 0xff;
        }

        private int u4(int at) {
            return u2(at) << 16 | u2(at + 2);
        }

        private static void put2(byte[] bytes, int at, int value) {
            bytes[at] = (byte) (value >> 8);
            bytes[at + 1] = (byte) value;
        }
    }
}
