package io.paralab.format;

/**
 * Escapes text for HTML element content and attribute values. A pure function, safe from any thread.
 *
 * <pre>{@code
 * String cell = "<td>" + Html.escape(thread.getName()) + "</td>";
 * }</pre>
 */
public final class Html {

    private Html() {
    }

    /**
     * Replaces the five characters that are special in HTML ({@code & < > " '}) by character references,
     * so the text shows literally in element content and in quoted attribute values.
     *
     * @param text any text; {@code null} gives the empty string
     * @return the escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
