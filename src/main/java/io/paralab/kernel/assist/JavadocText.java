package io.paralab.kernel.assist;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Javadoc as the plain text a help pane shows: inline tags as their text ({@code {@code x}} as {@code x},
 * {@code {@link List#add add}} as {@code add}), paragraphs as blank lines, list items as bullets, other HTML tags
 * and entities removed, block tags ({@code @param}, {@code @return}) each on a line of their own.
 *
 * <pre>{@code
 * JavadocText.plain(" Returns the {@code int} value.<p>Never null.");   // "Returns the int value.\n\nNever null."
 * }</pre>
 */
final class JavadocText {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)\\s*([^{}]*)}");

    private JavadocText() {
    }

    /** The text of {@code javadoc}. */
    static String plain(String javadoc) {
        String text = javadoc;
        for (int i = 0; i < 3 && text.contains("{@"); i++) {          // nested tags: innermost first
            Matcher m = INLINE_TAG.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(inline(m.group(1), m.group(2).strip())));
            }
            m.appendTail(out);
            text = out.toString();
        }
        text = text.replaceAll("(?i)<p\\s*/?>|</p>", "\n\n")
                .replaceAll("(?i)<li>", "\n  • ")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&nbsp;", " ")
                .replaceAll("(?m)^\\s*@(param|return|throws|exception|see|since|apiNote|implSpec|implNote)\\b", "\n@$1");
        return text.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static String inline(String tag, String body) {
        return switch (tag) {
            case "link", "linkplain" -> {
                int space = body.indexOf(' ');
                String label = space < 0 ? body : body.substring(space + 1).strip();
                yield space < 0 ? label.replace('#', '.').replaceAll("^\\.", "") : label;
            }
            case "inheritDoc" -> "";
            default -> body;                                   // code, literal, value, index, summary …
        };
    }
}
