package io.paralab.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of the notebook cell variables a task reads, as they are when the task is submitted, and how
 * they reach the JVM that runs it. JShell keeps cell variables in static fields of cell classes, which a
 * worker loads once; so the submitting side {@linkplain #capture captures} the variables the task's code
 * reads ({@link CellReads}) — encoded at submit, so later changes in the cell do not leak into the task —
 * and sends, before the task, those whose value differs from what that worker last got ({@link Sent});
 * the worker sets them ({@link #apply}) before it runs the task. A value that cannot be serialized (a
 * thread, a stream) fails the submit with an exception naming the variable.
 *
 * <pre>{@code
 * CellValues values = CellValues.capture(task, items);          // at submit
 * Message.CellVariables update = worker.sent.update(values);    // at dispatch, null when nothing changed
 * CellValues.apply(update.entries(), loader);                    // in the worker, before the task runs
 * }</pre>
 *
 * A transport without per-worker memory sends {@link #encoded()} with every task.
 */
final class CellValues {

    /** Values of at most this many bytes are remembered as they are; longer ones by a SHA-256 digest. */
    private static final int KEEP_BYTES = 256;
    private static final int SAMPLE_ITEMS = 16;

    static final CellValues NONE = new CellValues(List.of());

    /** One variable's value: its class and field name, the encoded value, what tells a change. */
    record Entry(String className, String fieldName, byte[] value, Fingerprint fingerprint, boolean written) {
        String key() {
            return className + "." + fieldName;
        }
    }

    /** Equal for equal encoded values: the bytes themselves when short, else their SHA-256 digest. */
    record Fingerprint(byte[] bytes) {
        static Fingerprint of(byte[] value) {
            if (value.length <= KEEP_BYTES) {
                return new Fingerprint(value);
            }
            try {
                return new Fingerprint(MessageDigest.getInstance("SHA-256").digest(value));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-256", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Fingerprint f && Arrays.equals(bytes, f.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final List<Entry> entries;

    private CellValues(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * The cell variables {@code task} may read when run on {@code items} (a sample of them is looked at for
     * cell-defined classes), with their current values, encoded now.
     *
     * @throws IllegalArgumentException when a variable's value cannot be serialized, naming the variable, its
     *                                  cell class and the value that cannot travel
     */
    static CellValues capture(Object task, Collection<?> items) {
        CellReads reads = new CellReads();
        reads.addObject(task);
        if (items != null) {
            Iterator<?> it = items.iterator();
            for (int i = 0; i < SAMPLE_ITEMS && it.hasNext(); i++) {
                reads.addObject(it.next());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Set<Field> found = reads.scan(); !found.isEmpty(); found = reads.scan()) {
            for (Field field : found) {
                Object value = read(field);
                byte[] encoded = encode(field, value);
                entries.add(new Entry(field.getDeclaringClass().getName(), field.getName(), encoded,
                        Fingerprint.of(encoded), false));
                reads.addObject(value);
            }
        }
        if (entries.isEmpty()) {
            return NONE;
        }
        Set<Field> writes = reads.writes();
        if (!writes.isEmpty()) {
            entries.replaceAll(e -> writes.stream().anyMatch(f -> f.getName().equals(e.fieldName())
                    && f.getDeclaringClass().getName().equals(e.className()))
                    ? new Entry(e.className(), e.fieldName(), e.value(), e.fingerprint(), true) : e);
        }
        return new CellValues(List.copyOf(entries));
    }

    /** The captured variables, in the order found. */
    List<Entry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** All captured values in {@link Message.CellVariables} form, for a transport that sends them with every task. */
    byte[] encoded() {
        return encode(entries);
    }

    /**
     * Sets the cell variables in {@code entries} (from {@link #encoded()} or a {@link Sent#update}), loading
     * their classes through {@code loader}. Call on the thread that will run the task, before it runs.
     *
     * @throws IllegalStateException naming the variable that could not be set, and why
     */
    static void apply(byte[] entries, ClassLoader loader) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entries));
        try {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String className = in.readUTF();
                String fieldName = in.readUTF();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                try {
                    Field field = Class.forName(className, false, loader).getDeclaredField(fieldName);
                    field.setAccessible(true);
                    field.set(null, ValueCodec.decode(value, loader));
                } catch (ReflectiveOperationException | IOException | RuntimeException | LinkageError e) {
                    throw new IllegalStateException("cannot set cell variable " + fieldName + " (" + className + "."
                            + fieldName + ") in this JVM: " + e, e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("corrupt cell variables frame: " + e, e);
        }
    }

    private static Object read(Field field) {
        try {
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("the task reads cell variable " + field.getName() + " ("
                    + field.getDeclaringClass().getName() + "." + field.getName() + "), which cannot be read here: " + e, e);
        }
    }

    private static byte[] encode(Field field, Object value) {
        try {
            return ValueCodec.encode(value);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            String culprit = SerializationProbe.findCulprit(value);
            throw new IllegalArgumentException("the task reads cell variable " + field.getName() + " ("
                    + field.getDeclaringClass().getName() + "." + field.getName() + "), whose value cannot be sent to "
                    + "another JVM: " + (culprit != null ? culprit : String.valueOf(e.getCause() != null ? e.getCause() : e))
                    + "; give the task what it needs as a serializable value instead", e);
        }
    }

    private static byte[] encode(List<Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                out.writeUTF(entry.className());
                out.writeUTF(entry.fieldName());
                out.writeInt(entry.value().length);
                out.write(entry.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * What one worker was sent, so only changed values travel. A variable the task's code writes is sent
     * again every time (the worker's copy may have changed). Guarded by the caller (the pool's lock).
     */
    static final class Sent {
        private final Map<String, Fingerprint> sent = new HashMap<>();

        /** The frame that brings the worker up to {@code values}, or null when it has them all. */
        Message.CellVariables update(CellValues values) {
            if (values.entries.isEmpty()) {
                return null;
            }
            List<Entry> changed = null;
            for (Entry entry : values.entries) {
                if (entry.written()) {
                    sent.remove(entry.key());
                } else if (entry.fingerprint().equals(sent.get(entry.key()))) {
                    continue;
                } else {
                    sent.put(entry.key(), entry.fingerprint());
                }
                if (changed == null) {
                    changed = new ArrayList<>();
                }
                changed.add(entry);
            }
            return changed == null ? null : new Message.CellVariables(encode(changed));
        }
    }
}
