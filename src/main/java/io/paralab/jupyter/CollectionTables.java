package io.paralab.jupyter;

import io.paralab.format.Table;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tables of collections for the notebook: a {@code List}, array or other {@code Collection} whose elements are all
 * records of one type (a column per component) or beans of one class (a column per getter), and any {@code Map}
 * (a key and a value column). At most {@link #MAX_ROWS} rows are shown, then a note {@code … N more}. Anything else
 * — a list of numbers, a set of strings — is not a table ({@link #of} is empty) and shows as text, as before.
 * Stateless and safe from any thread, as far as the collection shown is not changed meanwhile.
 *
 * <pre>{@code
 * record Point(int x, int y) {}
 * CollectionTables.of(List.of(new Point(1, 2), new Point(3, 4))).get().toText();
 * }</pre>
 */
public final class CollectionTables {

    /** Rows shown before the rest is summed up as {@code … N more}. */
    public static final int MAX_ROWS = 20;
    /** Cells longer than this are cut, with an ellipsis. */
    static final int MAX_CELL = 60;

    private CollectionTables() {
    }

    /**
     * The table {@code value} shows as. Reads the elements' components or getters on the calling thread; a getter
     * that throws does not stop the table: its cell reads {@code <InvocationTargetException>}.
     *
     * @param value any object, possibly null
     * @return the table, or empty when {@code value} is not a map, nor a non-empty collection or object array of
     *         records or beans of one class
     */
    public static Optional<Table> of(Object value) {
        if (value instanceof Map<?, ?> map) {
            return Optional.of(mapTable(map));
        }
        List<?> elements;
        if (value instanceof Collection<?> collection) {
            elements = new ArrayList<>(collection);
        } else if (value != null && value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            elements = Arrays.asList((Object[]) value);
        } else {
            return Optional.empty();
        }
        if (elements.isEmpty() || elements.contains(null)) {
            return Optional.empty();
        }
        Class<?> type = elements.get(0).getClass();
        if (elements.stream().anyMatch(e -> e.getClass() != type)) {
            return Optional.empty();
        }
        List<Column> columns = type.isRecord() ? recordColumns(type) : beanColumns(type);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> rows = new ArrayList<>();
        for (Object element : elements.subList(0, Math.min(MAX_ROWS, elements.size()))) {
            rows.add(columns.stream().map(c -> c.read(element)).toList());
        }
        List<Table.Column> headers = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            int column = c;
            boolean numeric = elements.stream().limit(MAX_ROWS)
                    .allMatch(e -> columns.get(column).value(e) instanceof Number);
            headers.add(numeric ? Table.Column.numeric(columns.get(c).name()) : Table.Column.text(columns.get(c).name()));
        }
        String caption = describe(value) + ": " + elements.size() + " × " + type.getSimpleName();
        return Optional.of(new Table(caption, headers, rows, more(elements.size())));
    }

    private static Table mapTable(Map<?, ?> map) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (rows.size() == MAX_ROWS) {
                break;
            }
            rows.add(List.of(cell(entry.getKey()), cell(entry.getValue())));
        }
        boolean numericValues = map.values().stream().limit(MAX_ROWS).allMatch(v -> v instanceof Number);
        return new Table(describe(map) + ": " + map.size() + (map.size() == 1 ? " entry" : " entries"),
                List.of(Table.Column.text("key"),
                        numericValues ? Table.Column.numeric("value") : Table.Column.text("value")),
                rows, more(map.size()));
    }

    private static List<String> more(int size) {
        return size > MAX_ROWS ? List.of("… " + (size - MAX_ROWS) + " more") : List.of();
    }

    private static String describe(Object value) {
        String name = value.getClass().getSimpleName();
        return name.isEmpty() || name.contains("$") ? value.getClass().getName() : name;
    }

    private record Column(String name, Method accessor) {
        Object value(Object element) {
            try {
                return accessor.invoke(element);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return "<" + e.getClass().getSimpleName() + ">";
            }
        }

        String read(Object element) {
            return cell(value(element));
        }
    }

    private static List<Column> recordColumns(Class<?> type) {
        List<Column> columns = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            Method accessor = component.getAccessor();
            if (!accessor.trySetAccessible()) {
                return List.of();
            }
            columns.add(new Column(component.getName(), accessor));
        }
        return columns;
    }

    /** Public getters ({@code getX()}, {@code isX()}), in getter-name order, of a class that is not a JDK value or container. */
    private static List<Column> beanColumns(Class<?> type) {
        if (isPlainValue(type)) {
            return List.of();
        }
        List<Column> columns = new ArrayList<>();
        List<Method> methods = new ArrayList<>(Arrays.asList(type.getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        for (Method method : methods) {
            String name = method.getName();
            boolean getter = name.startsWith("get") && name.length() > 3 && !name.equals("getClass")
                    || name.startsWith("is") && name.length() > 2
                    && (method.getReturnType() == boolean.class || method.getReturnType() == Boolean.class);
            if (getter && method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() != void.class && method.trySetAccessible()) {
                String property = name.substring(name.startsWith("get") ? 3 : 2);
                columns.add(new Column(Character.toLowerCase(property.charAt(0)) + property.substring(1), method));
            }
        }
        return columns;
    }

    private static boolean isPlainValue(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type.isArray() || CharSequence.class.isAssignableFrom(type)
                || Number.class.isAssignableFrom(type) || type == Boolean.class || type == Character.class
                || TemporalAccessor.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                || Map.class.isAssignableFrom(type) || type.getName().startsWith("java.")
                || type.getName().startsWith("javax.") || type.getName().startsWith("jdk.");
    }

    /** One line of at most {@link #MAX_CELL} characters. */
    static String cell(Object value) {
        String text = value != null && value.getClass().isArray() ? arrayText(value) : String.valueOf(value);
        text = text.replace('\n', ' ').replace('\r', ' ');
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
    }

    /** An array's elements, as {@code Arrays.toString} gives them (nested arrays too). */
    static String arrayText(Object array) {
        return switch (array) {
            case Object[] a -> Arrays.deepToString(a);
            case int[] a -> Arrays.toString(a);
            case long[] a -> Arrays.toString(a);
            case double[] a -> Arrays.toString(a);
            case float[] a -> Arrays.toString(a);
            case short[] a -> Arrays.toString(a);
            case byte[] a -> Arrays.toString(a);
            case char[] a -> Arrays.toString(a);
            case boolean[] a -> Arrays.toString(a);
            default -> String.valueOf(array);
        };
    }
}
