package io.paralab.shared;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Points {@link SharedDirectory} at a fresh directory for one test class (children get it through
 * {@link ChildJvms}), so tests never meet regions of other runs, and removes it afterwards.
 */
final class SharedTestDirectory implements BeforeAllCallback, AfterAllCallback {

    private Path parent;
    private String previous;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        parent = Files.createTempDirectory("paralab-shared-test");
        previous = System.getProperty(SharedDirectory.PROPERTY);
        System.setProperty(SharedDirectory.PROPERTY, parent.resolve("regions").toString());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (previous == null) {
            System.clearProperty(SharedDirectory.PROPERTY);
        } else {
            System.setProperty(SharedDirectory.PROPERTY, previous);
        }
        try (Stream<Path> files = Files.walk(parent)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
