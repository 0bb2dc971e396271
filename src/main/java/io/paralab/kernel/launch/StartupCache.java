package io.paralab.kernel.launch;

import java.nio.file.Path;
import java.util.List;

/**
 * How the kernel JVM starts fast: the class-data cache named in {@code kernel.json}.
 *
 * <pre>{@code
 * List<String> options = new StartupCache.DynamicCds(Path.of("/home/u/.cache/paralab/cds-21.jsa")).jvmOptions();
 * }</pre>
 */
sealed interface StartupCache {

    /** The JVM options that use the cache. */
    List<String> jvmOptions();

    /** The file the cache lives in. */
    Path file();

    /**
     * JDK 19+: a dynamic CDS archive of every class the kernel loaded, written when a kernel exits and re-created
     * automatically when the jar or the JDK changed.
     */
    record DynamicCds(Path file) implements StartupCache {
        @Override
        public List<String> jvmOptions() {
            return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + file,
                    "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        }
    }

    /**
     * JDK 25+: an AOT cache (JEP 483/514/515: classes loaded and linked ahead of time, with method profiles)
     * recorded at install time by a {@linkplain KernelTraining training kernel session}; ignored by the JVM if the
     * jar changed afterwards.
     */
    record AotCache(Path file) implements StartupCache {
        @Override
        public List<String> jvmOptions() {
            return List.of("-XX:AOTCache=" + file, "-Xlog:aot=off", "-Xlog:cds=off");
        }
    }
}
