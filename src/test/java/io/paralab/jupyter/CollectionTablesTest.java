package io.paralab.jupyter;

import io.paralab.format.Table;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Collections, arrays and maps as tables through the extension's renderer; JSON views. */
class CollectionTablesTest {

    record Point(int x, String label) {
    }

    public static final class Person {
        private final String name;
        private final int age;

        Person(String name, int age) {
            this.name = name;
            this.age = age;
        }

        public String getName() {
            return name;
        }

        public int getAge() {
            return age;
        }

        public boolean isAdult() {
            return age >= 18;
        }
    }

    public static final class Fragile {
        public int getSize() {
            return 3;
        }

        public String getBroken() {
            throw new IllegalStateException("no value");
        }
    }

    private final Renderer renderer = new Renderer();

    CollectionTablesTest() {
        ParaLabRenderers.registerAll(renderer);
    }

    @Test
    void aListOfRecordsIsATableBoundedWithHowManyMore() {
        List<Point> points = IntStream.range(0, 25).mapToObj(i -> new Point(i, "p" + i)).toList();
        DisplayData data = renderer.render(points);
        String html = (String) data.getData(MIMEType.TEXT_HTML);
        String text = (String) data.getData(MIMEType.TEXT_PLAIN);
        assertTrue(html.contains("<th style=\"text-align:right\">x</th><th style=\"text-align:left\">label</th>"), html);
        assertTrue(html.contains("<td style=\"text-align:left\">p19</td>") && !html.contains(">p20<"), html);
        assertTrue(text.endsWith("… 5 more"), text);
        assertEquals(CollectionTables.MAX_ROWS + 4, text.split("\n").length, text);    // caption, header, rule, note
    }

    @Test
    void anArrayOfBeansAndAMapAreTables() {
        Table people = CollectionTables.of(new Person[]{new Person("Ada", 36), new Person("Tim", 9)}).orElseThrow();
        assertEquals(List.of("age", "name", "adult"), people.columns().stream().map(Table.Column::header).toList());
        assertEquals(List.of(List.of("36", "Ada", "true"), List.of("9", "Tim", "false")), people.rows());
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("a", 1);
        counts.put("b", 2);
        String text = (String) renderer.render(counts).getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.startsWith("LinkedHashMap: 2 entries\nkey  value"), text);
    }

    @Test
    void aGetterThatThrowsNamesTheFailureInItsCellAndTheRestOfTheTableShows() {
        Table table = CollectionTables.of(List.of(new Fragile())).orElseThrow();
        assertEquals(List.of("broken", "size"), table.columns().stream().map(Table.Column::header).toList());
        assertEquals(List.of(List.of("<InvocationTargetException>", "3")), table.rows());
    }

    @Test
    void otherCollectionsAndArraysStayText() {
        DisplayData numbers = renderer.render(new ArrayList<>(List.of(1, 2, 3)));
        assertNull(numbers.getData(MIMEType.TEXT_HTML));
        assertEquals("[1, 2, 3]", numbers.getData(MIMEType.TEXT_PLAIN));
        assertEquals("[1, 2]", renderer.render(new int[]{1, 2}).getData(MIMEType.TEXT_PLAIN));
        assertEquals(Optional.empty(), CollectionTables.of(List.of("a", "b")));
        assertEquals("plain", renderer.render("plain").getData(MIMEType.TEXT_PLAIN));
        assertFalse(CollectionTables.of(List.of(new Point(1, "a"), "mixed")).isPresent());
    }

    @Test
    void aJsonViewIsApplicationJson() {
        DisplayData data = renderer.render(JsonView.of(Map.of("workers", 4)));
        assertTrue(String.valueOf(data.getData(MIMEType.APPLICATION_JSON)).contains("workers"), data.toString());
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).contains("\"workers\" : 4"));
    }
}
