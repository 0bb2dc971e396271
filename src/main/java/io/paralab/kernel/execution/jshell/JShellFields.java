package io.paralab.kernel.execution.jshell;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;

/**
 * Reaches the package-private fields of {@code jdk.jshell} that the kernel works on where JShell has no API
 * ({@link SnippetImports}, {@link SnippetWrapTrimmer}, {@link InactiveSnippetSweeper}, {@link CompilerContexts}): a
 * field is checked to have the type JDK 25's {@code jdk.jshell} gives it before it is made accessible, and a failed
 * look-up is said in one phrase for the {@code paralab:} line on standard error. Making a field accessible needs
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (the kernel jar's manifest says it).
 *
 * <pre>{@code
 * try {
 *     Field maps = JShellFields.field(JShell.class, "maps", Class.forName("jdk.jshell.SnippetMaps"));
 * } catch (ReflectiveOperationException | RuntimeException e) {
 *     System.err.println("paralab: ... " + JShellFields.problem(e));
 * }
 * }</pre>
 */
final class JShellFields {

    private JShellFields() {
    }

    /**
     * Field {@code name} of {@code owner}, made accessible.
     *
     * @throws NoSuchFieldException if there is no such field or it is not of {@code type}
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

    /** Why looking up {@code jdk.jshell}'s fields or methods failed with {@code e}, in a phrase. */
    static String problem(Exception e) {
        return e instanceof InaccessibleObjectException
                ? "the kernel JVM lacks --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED"
                : "this JDK's jdk.jshell differs from JDK 25's (" + e + ")";
    }
}
