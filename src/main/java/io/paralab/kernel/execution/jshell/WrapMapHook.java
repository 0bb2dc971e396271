package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;

/**
 * A subclass of JShell's {@code jdk.jshell.OuterWrapMap}, defined at run time in {@code jdk.jshell}'s package, that
 * tells a listener what it is about to wrap in a class before JShell builds that class's source. JShell builds the
 * source of every class it compiles in two methods of that map: {@code wrapInClass}, for the snippets it is declaring
 * or compiling again, and {@code wrapInTrialClass}, for code it only analyses. The subclass overrides both: before
 * calling JShell's own method it hands the listener the list of snippets ({@code List<Snippet>}) or the trial code
 * (a {@code String}). Nothing else changes.
 *
 * <p>The class is generated with ASM and defined through a private lookup in {@code jdk.jshell}, which needs that
 * package opened to this code ({@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}). It is defined once per JVM.
 *
 * <pre>{@code
 * Object map = WrapMapHook.newMap(shell, code -> System.out.println("about to wrap " + code));
 * }</pre>
 */
final class WrapMapHook {

    private static final String MAP = "jdk/jshell/OuterWrapMap";
    private static final String HOOK = "jdk/jshell/ParalabOuterWrapMap";
    private static final String LISTENER = "java/util/function/Consumer";
    /** {@code OuterWrap wrapInClass(Set<Key> except, Collection<Snippet> plus, List<Snippet> s, List<Wrap> w)} */
    static final String WRAP_IN_CLASS =
            "(Ljava/util/Set;Ljava/util/Collection;Ljava/util/List;Ljava/util/List;)Ljdk/jshell/OuterWrap;";
    /** {@code OuterWrap wrapInTrialClass(Wrap wrap)} */
    static final String WRAP_IN_TRIAL_CLASS = "(Ljdk/jshell/Wrap;)Ljdk/jshell/OuterWrap;";

    private static MethodHandle constructor;

    private WrapMapHook() {
    }

    /**
     * A new map of the subclass for {@code shell}, with {@code listener}.
     *
     * @throws ReflectiveOperationException if the class cannot be defined (the package is not open) or does not link
     *         against this JDK's {@code jdk.jshell}
     */
    static Object newMap(JShell shell, Consumer<Object> listener) throws ReflectiveOperationException {
        try {
            return constructor().invoke(shell, listener);
        } catch (ReflectiveOperationException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized MethodHandle constructor() throws ReflectiveOperationException {
        if (constructor == null) {
            Class<?> map = Class.forName("jdk.jshell.OuterWrapMap");
            MethodHandles.Lookup inJShell = MethodHandles.privateLookupIn(map, MethodHandles.lookup());
            Class<?> hook = inJShell.defineClass(classFile());
            constructor = inJShell.findConstructor(hook, MethodType.methodType(void.class, JShell.class,
                    Consumer.class));
        }
        return constructor;
    }

    /** The subclass: a listener field, a constructor {@code (JShell, Consumer)} and the two overriding methods. */
    private static byte[] classFile() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        writer.visit(Opcodes.V21, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, HOOK, null, MAP, null);
        writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "listener", "L" + LISTENER + ";", null, null)
                .visitEnd();

        MethodVisitor init = writer.visitMethod(0, "<init>", "(Ljdk/jshell/JShell;L" + LISTENER + ";)V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 1);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, MAP, "<init>", "(Ljdk/jshell/JShell;)V", false);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ALOAD, 2);
        init.visitFieldInsn(Opcodes.PUTFIELD, HOOK, "listener", "L" + LISTENER + ";");
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        MethodVisitor inClass = writer.visitMethod(0, "wrapInClass", WRAP_IN_CLASS, null, null);
        inClass.visitCode();
        loadListener(inClass);
        inClass.visitVarInsn(Opcodes.ALOAD, 3);                           // the snippets
        callAccept(inClass);
        inClass.visitVarInsn(Opcodes.ALOAD, 0);
        for (int argument = 1; argument <= 4; argument++) {
            inClass.visitVarInsn(Opcodes.ALOAD, argument);
        }
        inClass.visitMethodInsn(Opcodes.INVOKESPECIAL, MAP, "wrapInClass", WRAP_IN_CLASS, false);
        inClass.visitInsn(Opcodes.ARETURN);
        inClass.visitMaxs(0, 0);
        inClass.visitEnd();

        MethodVisitor inTrial = writer.visitMethod(0, "wrapInTrialClass", WRAP_IN_TRIAL_CLASS, null, null);
        inTrial.visitCode();
        loadListener(inTrial);
        inTrial.visitVarInsn(Opcodes.ALOAD, 1);                           // the trial code: wrap.wrapped()
        inTrial.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "jdk/jshell/Wrap", "wrapped", "()Ljava/lang/String;", false);
        callAccept(inTrial);
        inTrial.visitVarInsn(Opcodes.ALOAD, 0);
        inTrial.visitVarInsn(Opcodes.ALOAD, 1);
        inTrial.visitMethodInsn(Opcodes.INVOKESPECIAL, MAP, "wrapInTrialClass", WRAP_IN_TRIAL_CLASS, false);
        inTrial.visitInsn(Opcodes.ARETURN);
        inTrial.visitMaxs(0, 0);
        inTrial.visitEnd();

        writer.visitEnd();
        return writer.toByteArray();
    }

    /** Pushes {@code this.listener}. */
    private static void loadListener(MethodVisitor method) {
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitFieldInsn(Opcodes.GETFIELD, HOOK, "listener", "L" + LISTENER + ";");
    }

    /** Calls {@code accept} on the listener and argument pushed. */
    private static void callAccept(MethodVisitor method) {
        method.visitMethodInsn(Opcodes.INVOKEINTERFACE, LISTENER, "accept", "(Ljava/lang/Object;)V", true);
    }
}
