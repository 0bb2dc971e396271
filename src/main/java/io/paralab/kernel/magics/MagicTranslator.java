package io.paralab.kernel.magics;

import org.dflib.jjava.jupyter.kernel.magic.LineMagicArgs;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.ParsedLineMagic;

import java.util.List;
import java.util.Set;

/**
 * JJava's magic-to-Java translation, except that the line magics whose argument is Java code ({@code %time},
 * {@code %timeit}) receive the rest of the line verbatim as one argument, so quotes and spaces in that code survive.
 *
 * <pre>{@code
 * new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranslator());
 * }</pre>
 */
public final class MagicTranslator extends MagicTranspiler {

    private static final Set<String> CODE_MAGICS = Set.of("time", "timeit");

    @Override
    public String transpileLine(ParsedLineMagic magic) {
        String name = magic.magicCall.name;
        if (!CODE_MAGICS.contains(name)) {
            return super.transpileLine(magic);
        }
        String raw = magic.raw;
        String rest = raw.substring(raw.indexOf(name) + name.length()).strip();
        return super.transpileLine(new ParsedLineMagic(new LineMagicArgs(name, List.of(rest)), magic.raw,
                magic.rawCell, magic.linePrefix));
    }
}
