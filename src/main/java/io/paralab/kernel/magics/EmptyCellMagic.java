package io.paralab.kernel.magics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rejects a cell that is only a cell-magic line, such as {@code %%timeit} with nothing below it. JJava's magic parser
 * recognizes a cell magic only when a body follows, so without this check the line would reach the Java compiler and
 * fail with a parser error about {@code %%}.
 *
 * <pre>{@code
 * EmptyCellMagic.reject("%%timeit -n 3\n");   // IllegalArgumentException: %%timeit needs a cell body ...
 * EmptyCellMagic.reject("%%timeit\nfib(20)"); // returns: the cell has a body
 * }</pre>
 */
public final class EmptyCellMagic {

    private static final Pattern ONLY_MAGIC_LINE = Pattern.compile("\\s*%%([\\w-]+)[^\\n]*\\s*");

    private EmptyCellMagic() {
    }

    /** @throws IllegalArgumentException naming the magic if {@code code} is a cell-magic line with no body */
    public static void reject(String code) {
        Matcher matcher = ONLY_MAGIC_LINE.matcher(code);
        if (matcher.matches()) {
            String magic = "%%" + matcher.group(1);
            throw new IllegalArgumentException(magic + " needs a cell body: put the code on the lines below the "
                    + magic + " line");
        }
    }
}
