package io.paralab.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The values of a notebook cell's variables, for a worker. JShell keeps a cell's variables in static
 * fields of its wrapper class ({@code REPL.$JShell$7.k}), and a lambda reads them there rather than
 * capturing them; a worker that loads the wrapper class fresh would see zeros and nulls. So when the
 * parent serves such a class, it also sends the current values of its static fields, and the worker sets
 * them right after defining the class: a snapshot taken when that worker first loads the class. A field
 * whose value cannot be serialized (a pool, a thread) stays unset in the worker.
 */
final class StaticSnapshot {

    private static final String CELL_PACKAGE = "REPL.";

    private StaticSnapshot() {
    }

    /** The serialized static fields of a cell class as loaded by {@code loader}, or null for other classes. */
    static byte[] of(String className, ClassLoader loader) {
        if (!className.startsWith(CELL_PACKAGE)) {
            return null;
        }
        try {
            Class<?> type = Class.forName(className, false, loader);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers) || field.isSynthetic()) {
                    continue;
                }
                byte[] value;
                try {
                    field.setAccessible(true);
                    value = ValueCodec.encode(field.get(null));
                } catch (RuntimeException | IllegalAccessException | ExceptionInInitializerError e) {
                    continue;   // not serializable or not readable: the worker keeps the field's default
                }
                out.writeUTF(field.getName());
                out.writeInt(value.length);
                out.write(value);
            }
            out.flush();
            return bytes.size() == 0 ? null : bytes.toByteArray();
        } catch (ClassNotFoundException | LinkageError | IOException e) {
            return null;
        }
    }

    /** Sets the static fields of a freshly defined cell class from a snapshot. */
    static void restore(Class<?> type, byte[] snapshot, ClassLoader loader) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot));
        try {
            while (in.available() > 0) {
                String name = in.readUTF();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                try {
                    Field field = type.getDeclaredField(name);
                    field.setAccessible(true);
                    field.set(null, ValueCodec.decode(value, loader));
                } catch (ReflectiveOperationException | RuntimeException | IOException e) {
                    System.err.println("paralab: cannot set " + type.getName() + "." + name + " in this worker: " + e);
                }
            }
        } catch (IOException e) {
            System.err.println("paralab: corrupt static snapshot for " + type.getName() + ": " + e);
        }
    }
}
