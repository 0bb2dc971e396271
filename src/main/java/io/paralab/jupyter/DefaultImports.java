package io.paralab.jupyter;

import java.util.ArrayList;
import java.util.List;

/**
 * The import statements a ParaLab notebook starts with: {@code java.util.concurrent.*}, every ParaLab library
 * package that is on the class path, {@link ProgressBar} and {@link JsonView}.
 */
final class DefaultImports {

    /** The library packages, imported when present. */
    static final List<String> LIBRARY_PACKAGES = List.of(
            "io.paralab.threads", "io.paralab.process", "io.paralab.shared", "io.paralab.bench", "io.paralab.web",
            "io.paralab.lesson");

    private DefaultImports() {
    }

    /**
     * The import statements, one per element, e.g. {@code "import java.util.concurrent.*;"}.
     *
     * @param loader where to look for the library packages: a package is present when the loader finds its
     *               folder ({@code io/paralab/bench/}), as it does in class folders and in jars with folder
     *               entries such as the shaded ParaLab jar
     */
    static List<String> statements(ClassLoader loader) {
        List<String> statements = new ArrayList<>();
        statements.add("import java.util.concurrent.*;");
        for (String pkg : LIBRARY_PACKAGES) {
            if (loader.getResource(pkg.replace('.', '/') + "/") != null) {
                statements.add("import " + pkg + ".*;");
            }
        }
        statements.add("import " + ProgressBar.class.getName() + ";");
        statements.add("import " + JsonView.class.getName() + ";");
        return statements;
    }
}
