package io.paralab.kernel.execution;

import io.paralab.threads.CancellationScope;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The ASM rewrite: exit calls become {@link ExitGuard} calls, loops get stop checks, unknown class files pass. */
class CellBytecodeRewriterTest {

    @Test
    void systemExitBecomesACellExitError() throws Exception {
        Method exit = load(rewritten(classWith("exit", mv -> {
            mv.visitInsn(Opcodes.ICONST_2);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
            mv.visitInsn(Opcodes.RETURN);
        })), "exit");
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> exit.invoke(null));
        CellExitError error = assertInstanceOf(CellExitError.class, thrown.getCause());
        assertEquals(2, error.status());
    }

    @Test
    void runtimeHaltBecomesACellExitError() throws Exception {
        Method halt = load(rewritten(classWith("halt", mv -> {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false);
            mv.visitInsn(Opcodes.ICONST_5);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Runtime", "halt", "(I)V", false);
            mv.visitInsn(Opcodes.RETURN);
        })), "halt");
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> halt.invoke(null));
        assertEquals(5, assertInstanceOf(CellExitError.class, thrown.getCause()).status());
    }

    @Test
    void systemExitMethodReferenceBecomesACellExitError() throws Exception {
        // IntConsumer exit = System::exit; exit.accept(3);
        Method exit = load(rewritten(classWith("exit", mv -> {
            mv.visitInvokeDynamicInsn("accept", "()Ljava/util/function/IntConsumer;", METAFACTORY, INT_TO_VOID,
                    new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", "(I)V", false), INT_TO_VOID);
            mv.visitInsn(Opcodes.ICONST_3);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/IntConsumer", "accept", "(I)V", true);
            mv.visitInsn(Opcodes.RETURN);
        })), "exit");
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> exit.invoke(null));
        CellExitError error = assertInstanceOf(CellExitError.class, thrown.getCause());
        assertEquals(3, error.status());
        assertEquals(new CellExitError("System.exit", 3).getMessage(), error.getMessage());
    }

    @Test
    void boundRuntimeHaltMethodReferenceBecomesACellExitError() throws Exception {
        // IntConsumer halt = Runtime.getRuntime()::halt; halt.accept(6);
        Method halt = load(rewritten(classWith("halt", mv -> {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false);
            mv.visitInvokeDynamicInsn("accept", "(Ljava/lang/Runtime;)Ljava/util/function/IntConsumer;", METAFACTORY,
                    INT_TO_VOID, new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/Runtime", "halt", "(I)V", false),
                    INT_TO_VOID);
            mv.visitIntInsn(Opcodes.BIPUSH, 6);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/IntConsumer", "accept", "(I)V", true);
            mv.visitInsn(Opcodes.RETURN);
        })), "halt");
        assertEndsTheCell(halt, "Runtime.halt", 6);
    }

    @Test
    void unboundRuntimeExitMethodReferenceBecomesACellExitError() throws Exception {
        // ObjIntConsumer<Runtime> exit = Runtime::exit; exit.accept(Runtime.getRuntime(), 7);
        Method exit = load(rewritten(classWith("exit", mv -> {
            mv.visitInvokeDynamicInsn("accept", "()Ljava/util/function/ObjIntConsumer;", METAFACTORY,
                    Type.getType("(Ljava/lang/Object;I)V"),
                    new Handle(Opcodes.H_INVOKEVIRTUAL, "java/lang/Runtime", "exit", "(I)V", false),
                    Type.getType("(Ljava/lang/Runtime;I)V"));
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false);
            mv.visitIntInsn(Opcodes.BIPUSH, 7);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/ObjIntConsumer", "accept",
                    "(Ljava/lang/Object;I)V", true);
            mv.visitInsn(Opcodes.RETURN);
        })), "exit");
        assertEndsTheCell(exit, "Runtime.exit", 7);
    }

    @Test
    void runtimeHaltThroughMethodInvokeBecomesACellExitError() throws Exception {
        // Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 8);
        Method halt = load(rewritten(classWith("halt", "()V", mv -> {
            getMethod(mv, "java/lang/Runtime", "halt", "java/lang/Integer");
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false);
            objectArrayOf(mv, () -> {
                mv.visitIntInsn(Opcodes.BIPUSH, 8);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "valueOf", "(I)Ljava/lang/Integer;",
                        false);
            });
            invoke(mv);
            mv.visitInsn(Opcodes.POP);
            mv.visitInsn(Opcodes.RETURN);
        })), "halt");
        assertEndsTheCell(halt, "Runtime.halt", 8);
    }

    @Test
    void otherMethodInvocationsRunAsWritten() throws Exception {
        // return String.class.getMethod("length").invoke("abcd");
        Method length = load(rewritten(classWith("length", "()Ljava/lang/Object;", mv -> {
            mv.visitLdcInsn(Type.getObjectType("java/lang/String"));
            mv.visitLdcInsn("length");
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Class");
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Class", "getMethod",
                    "(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;", false);
            mv.visitLdcInsn("abcd");
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            invoke(mv);
            mv.visitInsn(Opcodes.ARETURN);
        })), "length");
        assertEquals(4, length.invoke(null));
    }

    @Test
    void runtimeHaltThroughALookedUpMethodHandleBecomesACellExitError() throws Exception {
        // MethodHandles.lookup().findVirtual(Runtime.class, "halt", methodType(void.class, int.class))
        //         .invokeExact(Runtime.getRuntime(), 9);
        Method halt = load(rewritten(classWith("halt", "()V", mv -> {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                    "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
            mv.visitLdcInsn(Type.getObjectType("java/lang/Runtime"));
            mv.visitLdcInsn("halt");
            mv.visitLdcInsn(Type.getMethodType("(I)V"));
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandles$Lookup", "findVirtual",
                    "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/MethodHandle;",
                    false);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false);
            mv.visitIntInsn(Opcodes.BIPUSH, 9);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact",
                    "(Ljava/lang/Runtime;I)V", false);
            mv.visitInsn(Opcodes.RETURN);
        })), "halt");
        assertEndsTheCell(halt, "Runtime.halt", 9);
    }

    @Test
    void otherMethodReferencesAreLeftAlone() throws Exception {
        // IntUnaryOperator abs = Math::abs; return abs.applyAsInt(-4);
        Type intToInt = Type.getType("(I)I");
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC, "Generated", null, "java/lang/Object", null);
        MethodVisitor mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "abs", "()I", null, null);
        mv.visitCode();
        mv.visitInvokeDynamicInsn("applyAsInt", "()Ljava/util/function/IntUnaryOperator;", METAFACTORY, intToInt,
                new Handle(Opcodes.H_INVOKESTATIC, "java/lang/Math", "abs", "(I)I", false), intToInt);
        mv.visitIntInsn(Opcodes.BIPUSH, -4);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/IntUnaryOperator", "applyAsInt", "(I)I", true);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        writer.visitEnd();
        assertEquals(4, load(rewritten(writer.toByteArray()), "abs").invoke(null));
    }

    @Test
    @SuppressWarnings("try")
    void endlessLoopStopsOnceItsScopeIsCancelled() throws Exception {
        Method spin = load(rewritten(classWith("spin", mv -> {
            Label top = new Label();
            mv.visitLabel(top);
            mv.visitJumpInsn(Opcodes.GOTO, top);
        })), "spin");
        CancellationScope scope = new CancellationScope("test");
        scope.cancel();
        CellStop.request();
        try (CancellationScope.Binding ignored = scope.enter()) {
            InvocationTargetException thrown = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(InvocationTargetException.class, () -> spin.invoke(null)));
            assertInstanceOf(CellInterruptedError.class, thrown.getCause());
        } finally {
            CellStop.reset();
        }
    }

    @Test
    @SuppressWarnings("try")
    void stopCheckLetsThreadsOfOtherScopesRun() {
        CellStop.request();
        try (CancellationScope.Binding ignored = new CancellationScope("live").enter()) {
            CellStop.check();                       // not cancelled: returns normally
        } finally {
            CellStop.reset();
        }
    }

    @Test
    void unreadableClassFileIsReturnedUnchanged() {
        byte[] bytes = classWith("noop", mv -> mv.visitInsn(Opcodes.RETURN));
        bytes[6] = (byte) 0x7F;                      // major version far beyond what ASM knows
        assertSame(bytes, CellBytecodeRewriter.rewrite(bytes));
    }

    private static final Handle METAFACTORY = new Handle(Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/LambdaMetafactory", "metafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/CallSite;", false);
    private static final Type INT_TO_VOID = Type.getType("(I)V");

    private interface Body {
        void emit(MethodVisitor mv);
    }

    private static byte[] classWith(String method, Body body) {
        return classWith(method, "()V", body);
    }

    private static byte[] classWith(String method, String descriptor, Body body) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC, "Generated", null, "java/lang/Object", null);
        MethodVisitor mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method, descriptor, null, null);
        mv.visitCode();
        body.emit(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Pushes {@code owner.class.getMethod(name, int.class)}; {@code boxed} names the wrapper whose TYPE is int. */
    private static void getMethod(MethodVisitor mv, String owner, String name, String boxed) {
        mv.visitLdcInsn(Type.getObjectType(owner));
        mv.visitLdcInsn(name);
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Class");
        mv.visitInsn(Opcodes.DUP);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitFieldInsn(Opcodes.GETSTATIC, boxed, "TYPE", "Ljava/lang/Class;");
        mv.visitInsn(Opcodes.AASTORE);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Class", "getMethod",
                "(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;", false);
    }

    /** Pushes {@code new Object[] {element}}, the element pushed by {@code element}. */
    private static void objectArrayOf(MethodVisitor mv, Runnable element) {
        mv.visitInsn(Opcodes.ICONST_1);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        mv.visitInsn(Opcodes.DUP);
        mv.visitInsn(Opcodes.ICONST_0);
        element.run();
        mv.visitInsn(Opcodes.AASTORE);
    }

    private static void invoke(MethodVisitor mv) {
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/reflect/Method", "invoke",
                "(Ljava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
    }

    /** Asserts that calling {@code method} fails with the {@link CellExitError} of {@code call(status)}. */
    private static void assertEndsTheCell(Method method, String call, int status) {
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> method.invoke(null));
        CellExitError error = assertInstanceOf(CellExitError.class, thrown.getCause());
        assertEquals(status, error.status());
        assertEquals(new CellExitError(call, status).getMessage(), error.getMessage());
    }

    private static byte[] rewritten(byte[] bytes) {
        return CellBytecodeRewriter.rewrite(bytes);
    }

    private static Method load(byte[] bytes, String method) throws Exception {
        ClassLoader loader = new ClassLoader(CellBytecodeRewriterTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals("Generated")) {
                    return defineClass(name, bytes, 0, bytes.length);
                }
                throw new ClassNotFoundException(name);
            }
        };
        return loader.loadClass("Generated").getMethod(method);
    }
}
