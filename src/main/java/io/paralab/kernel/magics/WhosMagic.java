package io.paralab.kernel.magics;

import static io.paralab.format.Html.escape;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code %whos} (IPython's name): a table of what the cells defined — variables with their type and a short value,
 * then methods with their signature and classes with their kind — as HTML with a plain-text copy beside it.
 *
 * <pre>{@code
 * %whos
 * }</pre>
 */
public final class WhosMagic implements LineMagic<Void, BaseKernel> {

    /** Values longer than this are cut, with an ellipsis. */
    static final int VALUE_WIDTH = 60;

    /** One defined name: {@code kind} is {@code variable}, {@code method} or a type kind ({@code class}, {@code record}…). */
    public record Entry(String name, String kind, String type, String value) {
    }

    private final Supplier<List<Entry>> entries;

    /** @param entries what the cells defined, in definition order */
    public WhosMagic(Supplier<List<Entry>> entries) {
        this.entries = entries;
    }

    /** Shows the table in the running cell (JJava drops the value of a line magic alone on its line). */
    @Override
    public Void eval(BaseKernel kernel, List<String> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("takes no arguments, got " + String.join(" ", args));
        }
        kernel.display(table(entries.get()));
        return null;
    }

    static DisplayData table(List<Entry> entries) {
        if (entries.isEmpty()) {
            return new DisplayData("Interactive namespace is empty.");
        }
        int nameWidth = Math.max(8, entries.stream().mapToInt(e -> e.name().length()).max().orElse(0));
        int kindWidth = Math.max(8, entries.stream().mapToInt(e -> e.kind().length()).max().orElse(0));
        int typeWidth = Math.max(4, entries.stream().mapToInt(e -> e.type().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %-" + kindWidth + "s  %-" + typeWidth + "s  %s";
        StringBuilder text = new StringBuilder(String.format(format, "Name", "Kind", "Type", "Value/Data").stripTrailing());
        text.append('\n').append("-".repeat(nameWidth + kindWidth + typeWidth + 6 + 10));
        StringBuilder html = new StringBuilder("<table><thead><tr><th>Name</th><th>Kind</th><th>Type</th>"
                + "<th>Value/Data</th></tr></thead><tbody>");
        for (Entry e : entries) {
            String value = shorten(e.value());
            text.append('\n').append(String.format(format, e.name(), e.kind(), e.type(), value).stripTrailing());
            html.append("<tr><td>").append(escape(e.name())).append("</td><td>").append(escape(e.kind()))
                    .append("</td><td><code>").append(escape(e.type())).append("</code></td><td><code>")
                    .append(escape(value)).append("</code></td></tr>");
        }
        html.append("</tbody></table>");
        DisplayData data = new DisplayData(text.toString());
        data.putData(MIMEType.TEXT_HTML, html.toString());
        return data;
    }

    /** One line of at most {@link #VALUE_WIDTH} characters. */
    static String shorten(String value) {
        String line = value.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= VALUE_WIDTH ? line : line.substring(0, VALUE_WIDTH - 1) + "…";
    }
}
