package io.paralab.process;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the notebook cell variables a task's code may read or write. JShell keeps a cell's variables in
 * static fields of its wrapper class ({@code REPL.$JShell$7.k}), and a lambda written in a cell reads them
 * there rather than capturing them. This scan starts where the task's code starts — a lambda's implementation
 * method (from its {@link SerializedLambda}), or every method of a cell-defined class — and follows, in the
 * class files ({@link ClassBytes}), the methods of cell classes that code calls or refers to (method
 * references, nested lambdas), collecting the static fields of cell classes it gets or puts. A cell object
 * that travels with the task (an item, a captured value, a variable's value) adds all methods of its class.
 * Not seen: fields reached by reflection, and methods of cell classes called only through a library's
 * interface on an object that does not travel with the task.
 *
 * <pre>{@code
 * CellReads reads = new CellReads();
 * reads.addObject(lambda);
 * Set<Field> newlyFound = reads.scan();   // e.g. [REPL.$JShell$7.k]
 * }</pre>
 *
 * Not thread-safe: one instance per submit. What it learns from a class file is cached per class.
 */
final class CellReads {

    /** The package of every class JShell compiles from a cell. */
    static final String CELL_PACKAGE = "REPL.";
    private static final String CELL_INTERNAL = "REPL/";
    private static final int MAX_NODES_PER_VALUE = 256;
    private static final int MAX_ELEMENTS = 16;

    private static final ClassValue<ClassCode> CODE = new ClassValue<>() {
        @Override
        protected ClassCode computeValue(Class<?> type) {
            return ClassCode.of(type);
        }
    };

    private final Deque<Method> methods = new ArrayDeque<>();
    private final Set<Method> seenMethods = new HashSet<>();
    private final Set<Class<?>> seenClasses = new HashSet<>();
    private final Set<Field> reads = new LinkedHashSet<>();
    private final Set<Field> writes = new LinkedHashSet<>();

    /** True for a class compiled from a notebook cell. */
    static boolean isCellClass(Class<?> type) {
        return type.getName().startsWith(CELL_PACKAGE);
    }

    /** A cell variable: a static, non-final field of a cell class. */
    static boolean isCellVariable(Field field) {
        int modifiers = field.getModifiers();
        return Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers) && !field.isSynthetic()
                && isCellClass(field.getDeclaringClass());
    }

    /**
     * Adds what running with {@code value} may execute: a serializable lambda's implementation method and its
     * captured values; all methods of a cell class's object and the values of its fields; a sample of the
     * elements of arrays, collections and maps.
     */
    void addObject(Object value) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Deque<Object> queue = new ArrayDeque<>();
        queue.add(value);
        while (!queue.isEmpty() && seen.size() < MAX_NODES_PER_VALUE) {
            Object next = queue.poll();
            if (next == null || seen.put(next, Boolean.TRUE) != null) {
                continue;
            }
            Class<?> type = next.getClass();
            SerializedLambda lambda = SerializationProbe.serializedLambda(next);
            if (lambda != null) {
                addLambda(type, lambda);
                for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                    queue.add(lambda.getCapturedArg(i));
                }
            } else if (isCellClass(type)) {
                addAllMethods(type);
                for (Class<?> c = type; c != null && isCellClass(c); c = c.getSuperclass()) {
                    for (Field field : c.getDeclaredFields()) {
                        if (!Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                            try {
                                field.setAccessible(true);
                                queue.add(field.get(next));
                            } catch (ReflectiveOperationException | RuntimeException e) {
                                // not readable: its class is still scanned
                            }
                        }
                    }
                }
            } else if (type.isArray() && !type.getComponentType().isPrimitive()) {
                for (int i = 0; i < Math.min(MAX_ELEMENTS, Array.getLength(next)); i++) {
                    queue.add(Array.get(next, i));
                }
            } else if (next instanceof Collection<?> collection) {
                addSample(collection, queue);
            } else if (next instanceof Map<?, ?> map) {
                addSample(map.keySet(), queue);
                addSample(map.values(), queue);
            }
        }
    }

    private static void addSample(Collection<?> collection, Deque<Object> queue) {
        try {
            Iterator<?> it = collection.iterator();
            for (int i = 0; i < MAX_ELEMENTS && it.hasNext(); i++) {
                queue.add(it.next());
            }
        } catch (RuntimeException e) {
            // a collection that cannot be iterated now (concurrently modified): its elements travel as they are
        }
    }

    /**
     * Follows the code added so far; returns the cell variables found read by this call, in the order found
     * (all reads found so far are {@link #reads()}).
     */
    Set<Field> scan() {
        Set<Field> found = new LinkedHashSet<>();
        while (!methods.isEmpty()) {
            Method method = methods.poll();
            ClassCode code = CODE.get(method.owner());
            MethodCode body = code.methods().get(method.key());
            if (body == null) {
                Class<?> superclass = method.owner().getSuperclass();
                if (superclass != null && isCellClass(superclass)) {
                    addMethod(superclass, method.key());
                }
                continue;
            }
            for (Member field : body.reads()) {
                Field resolved = resolveField(method.owner(), field);
                if (resolved != null && reads.add(resolved)) {
                    found.add(resolved);
                }
            }
            for (Member field : body.writes()) {
                Field resolved = resolveField(method.owner(), field);
                if (resolved != null) {
                    writes.add(resolved);
                }
            }
            for (Member call : body.calls()) {
                Class<?> owner = resolveClass(method.owner(), call.owner());
                if (owner != null) {
                    addMethod(owner, call.name() + call.descriptor());
                }
            }
            for (String created : body.creates()) {
                Class<?> type = resolveClass(method.owner(), created);
                if (type != null) {
                    addAllMethods(type);
                }
            }
        }
        return found;
    }

    /** Every cell variable found read so far. */
    Set<Field> reads() {
        return reads;
    }

    /** Every cell variable found written so far (a task that writes one changes the worker's copy). */
    Set<Field> writes() {
        return writes;
    }

    private void addLambda(Class<?> lambdaType, SerializedLambda lambda) {
        ClassLoader loader = lambdaType.getClassLoader();
        String implClass = lambda.getImplClass().replace('/', '.');
        if (!implClass.startsWith(CELL_PACKAGE)) {
            return;
        }
        try {
            addMethod(Class.forName(implClass, false, loader), lambda.getImplMethodName() + lambda.getImplMethodSignature());
        } catch (ClassNotFoundException | LinkageError e) {
            // not resolvable here: the task will fail to load it in the worker, with its own message
        }
    }

    private void addAllMethods(Class<?> type) {
        for (Class<?> c = type; c != null && isCellClass(c); c = c.getSuperclass()) {
            if (!seenClasses.add(c)) {
                return;
            }
            for (String key : CODE.get(c).methods().keySet()) {
                addMethod(c, key);
            }
        }
    }

    private void addMethod(Class<?> owner, String key) {
        Method method = new Method(owner, key);
        if (seenMethods.add(method)) {
            methods.add(method);
        }
    }

    private static Class<?> resolveClass(Class<?> from, String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, from.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Field resolveField(Class<?> from, Member ref) {
        for (Class<?> c = resolveClass(from, ref.owner()); c != null && isCellClass(c); c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(ref.name());
                return isCellVariable(field) ? field : null;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        return null;
    }

    /** A method to scan: its class and name plus descriptor. */
    private record Method(Class<?> owner, String key) {}

    /** A field or method named in a class file: owner's internal name, name, descriptor. */
    private record Member(String owner, String name, String descriptor) {}

    /** What one method's code touches in cell classes. */
    private record MethodCode(Set<Member> reads, Set<Member> writes, Set<Member> calls, Set<String> creates) {}

    /** The methods of one class file, by name plus descriptor. */
    private record ClassCode(Map<String, MethodCode> methods) {

        static ClassCode of(Class<?> type) {
            byte[] bytes;
            try {
                bytes = type.getClassLoader() == null ? null : ClassBytes.of(type.getName(), type.getClassLoader());
            } catch (IOException e) {
                bytes = null;
            }
            if (bytes == null) {
                return new ClassCode(Map.of());    // the worker cannot load it either, and will say so
            }
            Map<String, MethodCode> methods = new HashMap<>();
            try {
                new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                     String[] exceptions) {
                        MethodCode code = new MethodCode(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
                        methods.put(name + descriptor, code);
                        return new CodeVisitor(code);
                    }
                }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            } catch (RuntimeException e) {
                return new ClassCode(Map.of());    // a class-file version ASM does not know
            }
            return new ClassCode(Map.copyOf(methods));
        }
    }

    private static final class CodeVisitor extends MethodVisitor {
        private final MethodCode code;

        CodeVisitor(MethodCode code) {
            super(Opcodes.ASM9);
            this.code = code;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (owner.startsWith(CELL_INTERNAL)) {
                if (opcode == Opcodes.GETSTATIC) {
                    code.reads().add(new Member(owner, name, descriptor));
                } else if (opcode == Opcodes.PUTSTATIC) {
                    code.writes().add(new Member(owner, name, descriptor));
                }
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (owner.startsWith(CELL_INTERNAL)) {
                code.calls().add(new Member(owner, name, descriptor));
            }
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.NEW && type.startsWith(CELL_INTERNAL)) {
                code.creates().add(type);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            for (Object argument : arguments) {
                visitConstant(argument);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            visitConstant(value);
        }

        private void visitConstant(Object constant) {
            if (constant instanceof Handle handle && handle.getOwner().startsWith(CELL_INTERNAL)) {
                Member member = new Member(handle.getOwner(), handle.getName(), handle.getDesc());
                switch (handle.getTag()) {
                    case Opcodes.H_GETSTATIC -> code.reads().add(member);
                    case Opcodes.H_PUTSTATIC -> code.writes().add(member);
                    case Opcodes.H_GETFIELD, Opcodes.H_PUTFIELD -> { }
                    default -> code.calls().add(member);
                }
            }
        }
    }
}
