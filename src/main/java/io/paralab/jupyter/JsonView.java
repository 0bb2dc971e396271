package io.paralab.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * An object shown as JSON: {@code application/json} (JupyterLab shows it as a tree that folds) with the indented
 * JSON text beside it. The object is serialized with Jackson, as the library's results are.
 *
 * <pre>{@code
 * JsonView.of(Map.of("workers", 4, "speedup", 3.6))      // the last expression of a cell
 * }</pre>
 *
 * <p>Immutable once made; {@link #of(Object)} takes the snapshot.
 *
 * @param json the object's JSON tree
 */
public record JsonView(JsonNode json) implements NotebookView {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /**
     * The JSON view of {@code value}, serialized now: later changes to {@code value} do not show.
     *
     * @param value any object Jackson can serialize; null gives JSON {@code null}
     * @return the view
     * @throws IllegalArgumentException naming the type and why when Jackson cannot serialize it
     */
    public static JsonView of(Object value) {
        try {
            return new JsonView(MAPPER.valueToTree(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + (value == null ? "null" : value.getClass().getName())
                    + " cannot be shown as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The JSON as text.
     *
     * @return the indented JSON text
     */
    public String text() {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JSON as plain Java maps, lists, strings, numbers and booleans, which JJava's message encoder writes as
     * JSON whichever copy of its JSON library the kernel carries.
     *
     * @return a {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or null
     */
    public Object plain() {
        return MAPPER.convertValue(json, Object.class);
    }

    @Override
    public String toHtml() {
        return "<pre>" + io.paralab.format.Html.escape(text()) + "</pre>";
    }

    @Override
    public String toText() {
        return text();
    }

    @Override
    public String toString() {
        return text();
    }
}
