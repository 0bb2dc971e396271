package io.paralab.process;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializes what is about to be sent to a child and, when that fails, finds the value that cannot be
 * serialized: it walks the object graph — a lambda's captured arguments (through its
 * {@link SerializedLambda}), fields, array elements, collection elements — and names the culprit's class
 * and the path to it, so the error is raised at submit and says what to fix.
 */
final class SerializationProbe {

    private static final int MAX_NODES = 10_000;

    private SerializationProbe() {
    }

    /** {@link ValueCodec#serialize} or an {@link IllegalArgumentException} naming the culprit. */
    static byte[] serializeOrExplain(Object object, String what) {
        try {
            return ValueCodec.serialize(object);
        } catch (IOException | RuntimeException e) {
            throw explain(object, what, e);
        }
    }

    /** {@link ValueCodec#encode} or an {@link IllegalArgumentException} naming the culprit. */
    static byte[] encodeOrExplain(Object value, String what) {
        try {
            return ValueCodec.encode(value);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw explain(value, what, e.getCause() != null ? e.getCause() : e);
        }
    }

    /** {@link ValueCodec#encodeAll} or an {@link IllegalArgumentException} naming the culprit. */
    static byte[] encodeAllOrExplain(List<?> values, String what) {
        try {
            return ValueCodec.encodeAll(values);
        } catch (UncheckedIOException e) {
            for (Object value : values) {
                String found = findCulprit(value);
                if (found != null) {
                    throw new IllegalArgumentException(what + " cannot be sent to another JVM: " + found, e.getCause());
                }
            }
            throw explain(values, what, e.getCause());
        }
    }

    private static IllegalArgumentException explain(Object root, String what, Throwable failure) {
        String found = findCulprit(root);
        return new IllegalArgumentException(what + " cannot be sent to another JVM: "
                + (found != null ? found : failure), failure);
    }

    /** A description of the first non-serializable value reachable from root, or null if none was found. */
    static String findCulprit(Object root) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(new Node(root, describe(root)));
        while (!queue.isEmpty() && seen.size() < MAX_NODES) {
            Node node = queue.poll();
            Object value = node.value();
            if (value == null || seen.put(value, Boolean.TRUE) != null) {
                continue;
            }
            Class<?> type = value.getClass();
            if (!(value instanceof Serializable)) {
                return "a value of class " + type.getName() + " is not Serializable (path: " + node.path() + ")";
            }
            for (Node child : children(value, node.path())) {
                queue.add(child);
            }
        }
        return null;
    }

    private record Node(Object value, String path) {}

    private static List<Node> children(Object value, String path) {
        List<Node> children = new ArrayList<>();
        Class<?> type = value.getClass();
        SerializedLambda lambda = serializedLambda(value);
        if (lambda != null) {
            for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
                Object arg = lambda.getCapturedArg(i);
                children.add(new Node(arg, path + " -> captured arg " + i + " " + describe(arg)));
            }
        } else if (type.isArray() && !type.getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                Object element = Array.get(value, i);
                children.add(new Node(element, path + " -> [" + i + "] " + describe(element)));
            }
        } else if (value instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                children.add(new Node(element, path + " -> element " + i++ + " " + describe(element)));
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                children.add(new Node(e.getKey(), path + " -> key " + describe(e.getKey())));
                children.add(new Node(e.getValue(), path + " -> value of " + e.getKey() + " " + describe(e.getValue())));
            }
        } else {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                        Object fieldValue = field.get(value);
                        children.add(new Node(fieldValue, path + " -> field " + field.getName() + " " + describe(fieldValue)));
                    } catch (RuntimeException | IllegalAccessException e) {
                        // a JDK class whose fields are closed to reflection: its own serialization is trusted
                    }
                }
            }
        }
        return children;
    }

    /** The {@link SerializedLambda} of a serializable lambda, or null for any other object. */
    static SerializedLambda serializedLambda(Object value) {
        if (!value.getClass().isSynthetic() && !value.getClass().isHidden()) {
            return null;
        }
        try {
            Method writeReplace = value.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            return writeReplace.invoke(value) instanceof SerializedLambda s ? s : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "(null)";
        }
        SerializedLambda lambda = serializedLambda(value);
        if (lambda != null) {
            return "(lambda in " + lambda.getCapturingClass().replace('/', '.') + ")";
        }
        return "(" + value.getClass().getName() + ")";
    }
}
