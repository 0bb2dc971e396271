package io.paralab.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One JVM that assembles an AOT cache ({@code -XX:AOTMode=create}) from the configuration a child recorded, into a
 * temporary file that is then moved into place. It is a child of this JVM, not of the recording child, so closing
 * a pool or killing a child with its descendants does not cut it short. It is ended (SIGKILL), and its temporary
 * file removed, when it fails, takes longer than {@link #TIMEOUT}, or this JVM exits first; the configuration is
 * removed in every case.
 *
 * <pre>{@code
 * AotCacheAssembly.start(List.of(java, "-XX:+UseSerialGC"), "/p/app.jar", Path.of("/c/x.aot.part-1"), Path.of("/c/x.aot"))
 *         .join();   // /c/x.aot exists now, or the assembly failed and left nothing
 * }</pre>
 */
final class AotCacheAssembly {

    static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** Assembling now: ended, and their files removed, when this JVM exits. */
    private static final Set<AotCacheAssembly> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(AotCacheAssembly::abandon),
                "paralab-end-aot-assembly"));
    }

    private final Process process;
    private final Path configuration;
    private final Path output;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private AotCacheAssembly(Process process, Path configuration, Path output) {
        this.process = process;
        this.configuration = configuration;
        this.output = output;
    }

    /**
     * Starts assembling {@code target} from {@code configuration} in the background, with the java command and
     * options ({@code javaCommand}) and the class path the children that will map it run with.
     *
     * @return completes when the assembly ended, successful (the cache is in place) or not (nothing is left)
     */
    static CompletableFuture<Void> start(List<String> javaCommand, String classPath, Path configuration, Path target) {
        Path output = target.resolveSibling(target.getFileName() + ".assembling-" + ProcessHandle.current().pid());
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(List.of("-XX:AOTMode=create",
                "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + output));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CLASSPATH", classPath);
        AotCacheAssembly assembly;
        try {
            assembly = new AotCacheAssembly(builder.start(), configuration, output);
        } catch (IOException e) {
            removeQuietly(configuration);
            return CompletableFuture.completedFuture(null);
        }
        RUNNING.add(assembly);
        Thread.ofVirtual().name("paralab-aot-assembly").start(() -> assembly.finishInto(target));
        return assembly.done.copy();
    }

    private void finishInto(Path target) {
        try {
            if (process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) && process.exitValue() == 0
                    && Files.isRegularFile(output)) {
                // a new file moved into place: children mapping an older one keep their mapping intact
                Files.move(output, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // no cache this time: children start without it, as they would anyway
        } finally {
            abandon();
            RUNNING.remove(this);
            done.complete(null);
        }
    }

    /** Ends the assembling JVM if it still runs and removes its files; what was moved into place stays. */
    private void abandon() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        removeQuietly(output);
        removeQuietly(configuration);
    }

    private static void removeQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to clean
        }
    }
}
