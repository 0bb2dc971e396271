package io.paralab.kernel.assist;

import com.sun.source.util.JavacTask;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Finds the errors of Java's lexer — the ones no text typed after them can repair: an unterminated string or
 * character literal on its line, a character that is not Java ({@code #}), a bad escape ({@code "\q"}), a
 * malformed number ({@code 0x}, {@code 1e}, {@code 09}), an empty or multi-character char literal. Only javac's
 * scanner and parser run (no symbols are resolved), so it takes a few milliseconds.
 *
 * <pre>{@code
 * LexicalErrors.present("String s = \"abc;");   // true
 * LexicalErrors.present("int x = (1 +");        // false: incomplete, not wrong
 * }</pre>
 */
final class LexicalErrors {

    /** javac's diagnostic codes for what its scanner rejects; an unclosed comment is left out (more text can end it). */
    private static final Set<String> LEXICAL = Set.of(
            "compiler.err.illegal.char", "compiler.err.unclosed.str.lit", "compiler.err.unclosed.char.lit",
            "compiler.err.empty.char.lit", "compiler.err.illegal.esc.char", "compiler.err.malformed.fp.lit",
            "compiler.err.invalid.hex.number", "compiler.err.invalid.binary.number", "compiler.err.illegal.unicode.esc",
            "compiler.err.illegal.line.end.in.char.lit", "compiler.err.illegal.underscore",
            "compiler.err.int.number.too.large", "compiler.err.illegal.nonascii.digit",
            "compiler.err.illegal.text.block.open");

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private LexicalErrors() {
    }

    /** Whether {@code code} holds a lexical error. */
    static boolean present(String code) {
        if (JAVAC == null) {
            return false;
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///Cell.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return "class Cell { void cell() {\n" + code + "\n} }";
            }
        };
        JavacTask task = (JavacTask) JAVAC.getTask(null, null, diagnostics, List.of("-proc:none"), null, List.of(source));
        try {
            task.parse();
        } catch (IOException | RuntimeException e) {
            return false;                               // cannot tell: leave it to JShell's analysis
        }
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR && LEXICAL.contains(diagnostic.getCode())) {
                return true;
            }
        }
        return false;
    }
}
