package io.paralab.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the class-file bytes of a class as its loader has them, also for classes that exist only in memory.
 * A loader that serves them as resources ({@code getResourceAsStream("REPL/$JShell$12.class")}, as ParaLab's
 * kernel and every jar or folder on a class path do) is asked that way. A loader that keeps them only in a
 * map of its own — stock JJava's {@code JJavaClassLoader} defines cell classes from a
 * {@code Map<String, byte[]>} held by its enclosing {@code JJavaLoaderDelegate} — is searched for such a map:
 * in its own fields and in the fields of the objects those refer to (one level, e.g. its enclosing instance),
 * a {@link Map} whose value for the class's binary name is a {@code byte[]}. No instrumentation and no
 * JDK-internal access is needed: these are fields of classes in the unnamed module.
 *
 * <pre>{@code
 * byte[] bytes = ClassBytes.of("REPL.$JShell$12", cellClass.getClassLoader());   // null when nobody has them
 * }</pre>
 */
final class ClassBytes {

    /** Fields found on a loader class that may hold class-name-to-bytes maps, one path per map. */
    private static final ClassValue<List<List<Field>>> MAP_PATHS = new ClassValue<>() {
        @Override
        protected List<List<Field>> computeValue(Class<?> loaderType) {
            return mapPaths(loaderType);
        }
    };

    private ClassBytes() {
    }

    /**
     * The bytes of {@code className} (binary name, e.g. {@code REPL.$JShell$12$Point}) as {@code loader} has them,
     * or null when it has none.
     *
     * @throws IOException when the loader has the resource but reading it failed
     */
    static byte[] of(String className, ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(className.replace('.', '/') + ".class")) {
            if (in != null) {
                return in.readAllBytes();
            }
        }
        return inMemory(className, loader);
    }

    /** The bytes from a loader's own class-name-to-bytes map, or null. */
    static byte[] inMemory(String className, ClassLoader loader) {
        for (List<Field> path : MAP_PATHS.get(loader.getClass())) {
            Object value = loader;
            try {
                for (Field field : path) {
                    value = value == null ? null : field.get(value);
                }
            } catch (IllegalAccessException | RuntimeException e) {
                continue;
            }
            if (value instanceof Map<?, ?> map) {
                try {
                    if (map.get(className) instanceof byte[] bytes) {
                        return bytes;
                    }
                } catch (RuntimeException e) {
                    // a map that does not take String keys
                }
            }
        }
        return null;
    }

    /** Paths (one or two fields long) from a loader of this type to a {@link Map}-typed field. */
    private static List<List<Field>> mapPaths(Class<?> loaderType) {
        List<List<Field>> paths = new ArrayList<>();
        for (Field first : instanceFields(loaderType, ClassLoader.class)) {
            if (Map.class.isAssignableFrom(first.getType())) {
                paths.add(List.of(first));
            } else if (!first.getType().isPrimitive() && !first.getType().getName().startsWith("java.")) {
                for (Field second : instanceFields(first.getType(), Object.class)) {
                    if (Map.class.isAssignableFrom(second.getType())) {
                        paths.add(List.of(first, second));
                    }
                }
            }
        }
        return List.copyOf(paths);
    }

    /** The accessible instance fields of {@code type} and its superclasses below {@code stop}. */
    private static List<Field> instanceFields(Class<?> type, Class<?> stop) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != stop && c != Object.class && !c.getName().startsWith("java."); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    fields.add(field);
                } catch (RuntimeException e) {
                    // a field of a module that is not open to us: not where cell bytes live
                }
            }
        }
        return fields;
    }
}
