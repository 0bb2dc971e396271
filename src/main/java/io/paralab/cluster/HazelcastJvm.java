package io.paralab.cluster;

import java.util.List;

/**
 * What the command line of a JVM that may load Hazelcast needs, by JDK, so its stderr stays clean: from JDK 24
 * on, {@code --sun-misc-unsafe-memory-access=allow}, since Hazelcast (its shaded JCTools) still calls
 * {@code sun.misc.Unsafe}'s memory access, which such a JDK otherwise answers with a "terminally deprecated
 * method" warning the first time a cluster is used. Older JDKs get nothing (JDK 21 refuses the option).
 *
 * <pre>{@code
 * List<String> command = new ArrayList<>(List.of(java));
 * command.addAll(HazelcastJvm.options(Runtime.version().feature()));   // [--sun-misc-unsafe-memory-access=allow] on 25
 * }</pre>
 */
public final class HazelcastJvm {

    /** The first JDK that warns about {@code sun.misc.Unsafe}'s memory access by default. */
    private static final int UNSAFE_WARNING_JDK = 24;

    private HazelcastJvm() {
    }

    /** The options for a JVM of feature release {@code javaFeature} (e.g. 25), possibly none. */
    public static List<String> options(int javaFeature) {
        return javaFeature >= UNSAFE_WARNING_JDK ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }
}
