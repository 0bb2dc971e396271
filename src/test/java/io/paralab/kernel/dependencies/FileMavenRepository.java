package io.paralab.kernel.dependencies;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A Maven repository in a folder, built by a test: {@link #publish} compiles Java sources into an artifact's jar and
 * writes its POM with the given dependencies, in Maven's layout, so a resolver reads it through a {@code file:} URL.
 */
record FileMavenRepository(Path root) {

    /** The repository's {@code file:} URL. */
    String url() {
        return root.toUri().toString();
    }

    /**
     * Publishes {@code group:artifact:version} with classes compiled from {@code sources} (file name → source), on
     * a class path of {@code compileClassPath}, depending on {@code dependencies} ({@code g:a:v} each).
     */
    Path publish(String group, String artifact, String version, List<String> dependencies, List<Path> compileClassPath,
                 String... sources) throws IOException {
        Path dir = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        StringBuilder deps = new StringBuilder();
        for (String dependency : dependencies) {
            String[] parts = dependency.split(":");
            deps.append("<dependency><groupId>").append(parts[0]).append("</groupId><artifactId>").append(parts[1])
                    .append("</artifactId><version>").append(parts[2]).append("</version></dependency>");
        }
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                <dependencies>%s</dependencies></project>
                """.formatted(group, artifact, version, deps));
        Path jar = dir.resolve(artifact + "-" + version + ".jar");
        writeJar(jar, compileClassPath, sources);
        return jar;
    }

    private static void writeJar(Path jar, List<Path> classPath, String... sources) throws IOException {
        Path work = Files.createTempDirectory("paralab-repo-build");
        try {
            Path src = Files.createDirectories(work.resolve("src"));
            Path classes = Files.createDirectories(work.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
            if (!classPath.isEmpty()) {
                args.addAll(List.of("-cp", String.join(java.io.File.pathSeparator,
                        classPath.stream().map(Path::toString).toList())));
            }
            for (int i = 0; i < sources.length; i += 2) {
                Path file = src.resolve(sources[i]);
                Files.createDirectories(file.getParent());
                Files.writeString(file, sources[i + 1]);
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IOException("the test sources do not compile");
            }
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, (OutputStream) out);
                    out.closeEntry();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
