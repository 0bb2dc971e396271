package io.paralab.process;

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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Encodes task arguments, results and exceptions. Common small values (null, Integer, Long, Double,
 * Boolean, String, byte[]) take a tag byte and their bits, so a tiny task's frame stays a few bytes; any
 * other value goes through Java serialization. Decoding resolves classes through a given class loader,
 * which is how cell-defined classes are found on either side.
 */
final class ValueCodec {

    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte BOOLEAN = 4;
    private static final byte STRING = 5;
    private static final byte BYTES = 6;
    private static final byte OBJECT = 7;

    private ValueCodec() {
    }

    /** One value; throws {@link NotSerializableException} (unchecked wrapper) naming the culprit's class. */
    static byte[] encode(Object value) {
        return encodeAll(Collections.singletonList(value));
    }

    /** A list of values, e.g. the items of one map chunk or their results. */
    static byte[] encodeAll(List<?> values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + values.size() * 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(values.size());
            for (Object value : values) {
                write(out, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Object decode(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        return decodeAll(bytes, loader).getFirst();
    }

    static List<Object> decodeAll(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        int count = in.readInt();
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(read(in, loader));
        }
        return values;
    }

    /** Java-serializes one object (a function, a task); exceptions name what could not be serialized. */
    static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    static Object deserialize(byte[] bytes, ClassLoader loader) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        }
    }

    /**
     * Encodes a throwable so the other side gets it back with its class, message, stack trace and causes.
     * When the throwable itself cannot be serialized, or its class is unknown on the other side, a chain of
     * {@link RemoteTaskException}s with the same class names, messages and stack traces stands in for it.
     */
    static byte[] encodeThrowable(Throwable throwable) {
        byte[] original;
        try {
            original = serialize(throwable);
        } catch (IOException | RuntimeException e) {
            original = null;
        }
        byte[] standIn;
        try {
            standIn = serialize(RemoteTaskException.copyOf(throwable));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return encodeAll(Arrays.asList(original, standIn));
    }

    static Throwable decodeThrowable(byte[] bytes, ClassLoader loader) {
        try {
            List<Object> parts = decodeAll(bytes, loader);
            if (parts.get(0) instanceof byte[] original) {
                try {
                    return (Throwable) deserialize(original, loader);
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    // the exception's class is unknown here: use the stand-in
                }
            }
            return (Throwable) deserialize((byte[]) parts.get(1), ValueCodec.class.getClassLoader());
        } catch (IOException | ClassNotFoundException e) {
            return new RemoteTaskException("java.lang.Throwable", "undecodable remote exception: " + e, null);
        }
    }

    /** Writes the value's tag, then its bits: the mirror of {@link #read}. */
    private static void write(DataOutputStream out, Object value) throws IOException {
        byte tag = tagOf(value);
        byte[] block = tag == OBJECT ? serialize(value) : null;   // first, so a value that fails writes nothing
        out.writeByte(tag);
        switch (tag) {
            case NULL -> { }
            case INT -> out.writeInt((Integer) value);
            case LONG -> out.writeLong((Long) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case STRING -> out.writeUTF((String) value);
            default -> {
                byte[] bytes = tag == BYTES ? (byte[]) value : block;
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /**
     * The tag a value is written with; a string takes the compact form while {@code writeUTF} can hold it (at
     * most 3 bytes a char). Tests of types, not a pattern switch: its bootstrap would slow every child's start.
     */
    private static byte tagOf(Object value) {
        return value == null ? NULL
                : value instanceof Integer ? INT
                : value instanceof Long ? LONG
                : value instanceof Double ? DOUBLE
                : value instanceof Boolean ? BOOLEAN
                : value instanceof String s && s.length() < 16_384 ? STRING
                : value instanceof byte[] ? BYTES
                : OBJECT;
    }

    private static Object read(DataInputStream in, ClassLoader loader) throws IOException, ClassNotFoundException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case STRING -> in.readUTF();
            case BYTES, OBJECT -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield tag == BYTES ? b : deserialize(b, loader);
            }
            default -> throw new IOException("corrupt value: unknown tag " + tag);
        };
    }

    /** Resolves classes through a given loader first: the task's loader in the parent, the remote loader in a child. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    if (desc.getName().indexOf('.') < 0 && !desc.getName().startsWith("[")) {
                        return super.resolveClass(desc);   // primitives such as "int"
                    }
                    throw e;
                }
            }
            return super.resolveClass(desc);
        }
    }
}
