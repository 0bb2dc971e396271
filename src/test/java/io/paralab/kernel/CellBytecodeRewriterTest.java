package io.paralab.kernel;

import io.paralab.threads.CancellationScope;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

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

    private interface Body {
        void emit(MethodVisitor mv);
    }

    private static byte[] classWith(String method, Body body) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC, "Generated", null, "java/lang/Object", null);
        MethodVisitor mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, method, "()V", null, null);
        mv.visitCode();
        body.emit(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
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
