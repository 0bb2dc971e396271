package io.paralab.kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites the class files JShell compiles from notebook cells, with ASM:
 * <ul>
 *   <li>a call to {@link CellStop#check()} at the start of every method and before every backward jump, so an
 *       interrupted cell stops even in a loop that never blocks ({@code while (true) {}});</li>
 *   <li>{@code System.exit(n)}, {@code Runtime.exit(n)} and {@code Runtime.halt(n)} become calls to
 *       {@link ExitGuard}, which ends the cell with a {@link CellExitError} instead of the kernel.</li>
 * </ul>
 * When ASM cannot read the class file (a class-file version newer than it knows) the bytes are returned unchanged.
 *
 * <pre>{@code
 * byte[] safe = CellBytecodeRewriter.rewrite(bytesFromJShell);
 * }</pre>
 */
public final class CellBytecodeRewriter {

    private static final String STOP = Type.getInternalName(CellStop.class);
    private static final String GUARD = Type.getInternalName(ExitGuard.class);

    private CellBytecodeRewriter() {
    }

    /** The rewritten class file, or {@code classFile} itself when ASM cannot parse it. */
    public static byte[] rewrite(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MethodRewriter(super.visitMethod(access, name, descriptor, signature, exceptions));
                }
            }, 0);
            return writer.toByteArray();
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return classFile;                                  // unknown class-file version: run unmodified
        }
    }

    private static final class MethodRewriter extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        MethodRewriter(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            stopCheck();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label target) {
            if (seen.contains(target)) {
                stopCheck();
            }
            super.visitJumpInsn(opcode, target);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit")
                    && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "systemExit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime")
                    && (name.equals("exit") || name.equals("halt")) && descriptor.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD,
                        name.equals("exit") ? "runtimeExit" : "runtimeHalt", "(Ljava/lang/Runtime;I)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        private void stopCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP, "check", "()V", false);
        }
    }
}
