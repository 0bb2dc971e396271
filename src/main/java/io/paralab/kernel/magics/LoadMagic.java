package io.paralab.kernel.magics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paralab.kernel.execution.CellFailure;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsArgs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code %load FILE} runs the code of a file in the kernel, as JJava's {@code %load} does: a JShell script
 * ({@code .jsh}, {@code .jshell}), Java source ({@code .java}, {@code .jjava}) or a notebook ({@code .ipynb}, whose
 * code cells run in order). The name may leave out the extension; magics in the file work. A failure names the
 * file (and the notebook cell) and what went wrong; what ran before it stays defined.
 *
 * <pre>{@code
 * %load helpers.jsh
 * %load ../notebooks/01-threads-for-io.ipynb
 * }</pre>
 */
public final class LoadMagic implements LineMagic<Void, BaseKernel> {

    /** Tried in this order after the name as given. */
    static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".jjava", ".ipynb");

    private static final MagicsArgs ARGS = MagicsArgs.builder()
            .required("source").onlyKnownKeywords().onlyKnownFlags().build();

    private final Function<String, Object> evaluator;

    /** @param evaluator evaluates code with magics in it, as a cell */
    public LoadMagic(Function<String, Object> evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Void eval(BaseKernel kernel, List<String> args) throws IOException {
        List<String> parsed;
        try {
            parsed = ARGS.parse(args).get("source");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("needs one file, e.g. %load helpers.jsh");
        }
        Path file = find(Path.of(parsed.get(0)));
        if (file.getFileName().toString().endsWith(".ipynb")) {
            List<String> cells = codeCells(file);
            for (int i = 0; i < cells.size(); i++) {
                run(cells.get(i), file + " (code cell " + (i + 1) + ")");
            }
        } else {
            run(Files.readString(file), file.toString());
        }
        return null;
    }

    /** The file {@code given} names, trying the known extensions; an {@link IllegalArgumentException} if none. */
    static Path find(Path given) {
        Path absolute = given.toAbsolutePath().normalize();
        if (Files.isRegularFile(absolute)) {
            return absolute;
        }
        for (String extension : EXTENSIONS) {
            Path candidate = absolute.resolveSibling(absolute.getFileName() + extension);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no file '" + absolute + "' (also tried " + String.join(", ", EXTENSIONS) + ")");
    }

    /** The sources of a notebook's code cells, in order. */
    static List<String> codeCells(Path notebook) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(notebook.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("'" + notebook + "' is not a notebook: " + e.getOriginalMessage());
        }
        List<String> cells = new ArrayList<>();
        for (JsonNode cell : root.path("cells")) {
            if (cell.path("cell_type").asText().equals("code")) {
                JsonNode source = cell.path("source");
                StringBuilder code = new StringBuilder();
                if (source.isArray()) {
                    source.forEach(line -> code.append(line.asText()));
                } else {
                    code.append(source.asText());
                }
                cells.add(code.toString());
            }
        }
        return cells;
    }

    private void run(String code, String where) {
        try {
            evaluator.apply(code);
        } catch (CellFailure failure) {
            throw new IllegalArgumentException("in " + where + ": " + String.join("\n", failure.traceback()));
        }
    }
}
