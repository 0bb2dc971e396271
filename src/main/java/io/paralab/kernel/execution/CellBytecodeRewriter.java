package io.paralab.kernel.execution;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
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
 *       {@link ExitGuard}, which ends the cell with a {@link CellExitError} instead of the kernel; so do method
 *       references to them ({@code IntConsumer c = System::exit;}), whose method handle is an argument of the
 *       {@code invokedynamic} that creates the lambda;</li>
 *   <li>{@code Method.invoke} gets a call to {@link ExitGuard#checkInvocation} just before it, which fails when the
 *       method is one of those three; {@code MethodHandles.Lookup}'s {@code findStatic}, {@code findVirtual},
 *       {@code bind} and {@code unreflect} become calls to the {@link ExitGuard} methods of the same names, which hand
 *       out a guard's handle for them.</li>
 * </ul>
 * Exit calls that pass through a library are not seen here; {@link ExitGuard} catches an exit (not a halt) where the
 * JDK logs {@code Runtime.exit}.
 * When ASM cannot read the class file (a class-file version newer than it knows) the bytes are returned unchanged.
 *
 * <pre>{@code
 * byte[] safe = CellBytecodeRewriter.rewrite(bytesFromJShell);
 * }</pre>
 */
public final class CellBytecodeRewriter {

    private static final String STOP = Type.getInternalName(CellStop.class);
    private static final String GUARD = Type.getInternalName(ExitGuard.class);
    private static final String METHOD = "java/lang/reflect/Method";
    private static final String LOOKUP = "java/lang/invoke/MethodHandles$Lookup";
    private static final String INVOKE = "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;";
    /** The stack slots {@link MethodRewriter#checkInvocation()} needs above what the method needed. */
    private static final int EXTRA_STACK = 2;

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
            Handle guarded = guarded(handleTag(opcode), owner, name, descriptor);
            if (guarded != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, guarded.getName(), guarded.getDesc(), false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(LOOKUP) && isHandleFactory(name)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, name, "(L" + LOOKUP + ";" + descriptor.substring(1),
                        false);
            } else {
                if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(METHOD) && name.equals("invoke")
                        && descriptor.equals(INVOKE)) {
                    checkInvocation();
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        /**
         * With {@code method, target, arguments} on the stack, calls {@link ExitGuard#checkInvocation} on
         * {@code method, arguments} and leaves the stack as it was, so the cell's own {@code invoke} still runs with
         * the cell class as its caller.
         */
        private void checkInvocation() {
            super.visitInsn(Opcodes.DUP2_X1);           // target, arguments, method, target, arguments
            super.visitInsn(Opcodes.POP2);              // target, arguments, method
            super.visitInsn(Opcodes.SWAP);              // target, method, arguments
            super.visitInsn(Opcodes.DUP_X1);            // target, arguments, method, arguments
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "checkInvocation",
                    "(Ljava/lang/reflect/Method;[Ljava/lang/Object;)Ljava/lang/reflect/Method;", false);
            super.visitInsn(Opcodes.DUP_X2);            // method, target, arguments, method
            super.visitInsn(Opcodes.POP);               // method, target, arguments
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] rewritten = arguments.clone();
            for (int i = 0; i < rewritten.length; i++) {
                if (rewritten[i] instanceof Handle handle) {
                    Handle guarded = guarded(handle.getTag(), handle.getOwner(), handle.getName(), handle.getDesc());
                    if (guarded != null) {
                        rewritten[i] = guarded;
                    }
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
        }

        private void stopCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, STOP, "check", "()V", false);
        }
    }

    /** Whether {@code MethodHandles.Lookup.name} is one of the factories {@link ExitGuard} stands in for. */
    private static boolean isHandleFactory(String name) {
        return switch (name) {
            case "findStatic", "findVirtual", "bind", "unreflect" -> true;
            default -> false;
        };
    }

    /** The method-handle kind of a call instruction, so calls and handles are matched by one rule. */
    private static int handleTag(int opcode) {
        return switch (opcode) {
            case Opcodes.INVOKESTATIC -> Opcodes.H_INVOKESTATIC;
            case Opcodes.INVOKEVIRTUAL -> Opcodes.H_INVOKEVIRTUAL;
            default -> -1;
        };
    }

    /**
     * The static {@link ExitGuard} method that stands in for the exit method {@code owner.name descriptor} called as
     * {@code tag}, or null when that is not an exit method. The guard of an instance method takes the receiver first.
     */
    private static Handle guarded(int tag, String owner, String name, String descriptor) {
        if (!descriptor.equals("(I)V")) {
            return null;
        }
        String guard;
        if (tag == Opcodes.H_INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit")) {
            guard = "systemExit";
        } else if (tag == Opcodes.H_INVOKEVIRTUAL && owner.equals("java/lang/Runtime") && name.equals("exit")) {
            guard = "runtimeExit";
        } else if (tag == Opcodes.H_INVOKEVIRTUAL && owner.equals("java/lang/Runtime") && name.equals("halt")) {
            guard = "runtimeHalt";
        } else {
            return null;
        }
        String guardDescriptor = tag == Opcodes.H_INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V";
        return new Handle(Opcodes.H_INVOKESTATIC, GUARD, guard, guardDescriptor, false);
    }
}
