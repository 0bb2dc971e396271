package io.paralab.kernel.execution;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;

/**
 * Reaches package-private fields of {@code jdk.jshell}, for the kernel's changes to what JShell keeps and compiles
 * ({@link SnippetImports}, {@link SnippetWrapTrimmer}). JShell's API has no way to make them; the fields are those of
 * JDK 25's {@code jdk.jshell}, opened to this code by the kernel jar's manifest
 * ({@code Add-Opens: jdk.jshell/jdk.jshell}).
 *
 * <pre>{@code
 * Field outerMap = JShellFields.field(JShell.class, "outerMap", Class.forName("jdk.jshell.OuterWrapMap"));
 * }</pre>
 */
final class JShellFields {

    private JShellFields() {
    }

    /**
     * The field {@code name} of {@code owner}, made accessible.
     *
     * @throws NoSuchFieldException if there is none, or it is not of {@code type}
     * @throws InaccessibleObjectException if {@code jdk.jshell} is not open to this code
     */
    static Field field(Class<?> owner, String name, Class<?> type) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        if (field.getType() != type) {
            throw new NoSuchFieldException(owner.getName() + "." + name + " is a " + field.getType().getName());
        }
        field.setAccessible(true);
        return field;
    }

    /** Why {@code failure}, thrown while looking for {@code jdk.jshell}'s fields or methods, makes them unusable. */
    static String problem(Exception failure) {
        return failure instanceof InaccessibleObjectException
                ? "the kernel JVM lacks --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED"
                : "this JDK's jdk.jshell differs from JDK 25's (" + failure + ")";
    }
}
