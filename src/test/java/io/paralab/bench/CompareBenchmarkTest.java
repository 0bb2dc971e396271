package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareBenchmarkTest {

    /** A fake clock that only moves when the "work" advances it, so every sample is known exactly. */
    private final AtomicLong now = new AtomicLong(1_000);

    private CheckedRunnable costs(long nanos) {
        return () -> now.addAndGet(nanos);
    }

    private CompareResult threeVariants() {
        return Bench.compare("counter <&> \"quoted\"")
                .clock(now::get)
                .warmup(2).runs(5)
                .param("threads", 4)
                .variant("synchronized", costs(2_000_000))
                .variant("AtomicLong", costs(1_000_000))
                .variant("LongAdder <fast>", costs(500_000))
                .baseline("synchronized")
                .run();
    }

    @Test
    void everyMeasuredRunIsRecordedWithTheClocksTime() {
        CompareResult r = threeVariants();
        assertEquals(List.of("synchronized", "AtomicLong", "LongAdder <fast>"),
                r.variants().stream().map(Measurement::name).toList());
        assertEquals(List.of(2_000_000L, 2_000_000L, 2_000_000L, 2_000_000L, 2_000_000L),
                r.variant("synchronized").samplesNanos());
        assertEquals(500_000, r.variant("LongAdder <fast>").stats().median(), 1e-9);
        assertEquals(4.0, r.speedup("LongAdder <fast>"), 1e-9);
        assertEquals("1.00× (baseline)", r.relativeSpeed("synchronized"));
        assertEquals("2.00× faster", r.relativeSpeed("AtomicLong"));
        assertEquals("4", r.parameters().get("threads"));
        assertEquals("2", r.parameters().get("warm-up rounds"));
        assertEquals("5", r.parameters().get("measured runs"));
        assertEquals(Runtime.getRuntime().availableProcessors(), r.machine().availableProcessors());
    }

    @Test
    void slowerVariantsSaySoAndTheFirstVariantIsTheDefaultBaseline() {
        CompareResult r = Bench.compare("c").clock(now::get).warmup(0).runs(3)
                .variant("fast", costs(100)).variant("slow", costs(150)).run();
        assertEquals("fast", r.baseline());
        assertEquals("1.50× slower", r.relativeSpeed("slow"));
    }

    @Test
    void aRatioCarriesItsRangeAcrossRunsEvenWhenTheRangeIsNarrow() {
        Measurement base = new Measurement("base", List.of(1_000L, 1_010L, 1_020L));
        Measurement quick = new Measurement("quick", List.of(100L, 101L, 102L));
        CompareResult r = Bench.compare("narrow").variant("base", base).variant("quick", quick).run();
        assertTrue(r.relativeSpeed("quick").matches("10\\.0× faster, 9\\.[0-9]+–10\\.[0-9]+× across runs"), r.relativeSpeed("quick"));
    }

    @Test
    void roundsAreInterleavedAndProgressCountsEveryRun() {
        List<String> order = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        Bench.compare("order").clock(now::get).warmup(1).runs(2)
                .variant("a", () -> order.add("a"))
                .variant("b", () -> order.add("b"))
                .progress((done, total) -> progress.add(new long[] {done, total}))
                .run();
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), order);
        assertEquals(6, progress.size());
        assertEquals(6, progress.get(5)[0]);
        assertEquals(6, progress.get(5)[1]);
    }

    @Test
    void callableResultsAreKeptAndImportedMeasurementsAreShownNextToMeasuredOnes() {
        Measurement python = new Measurement("python", List.of(8_000L, 8_000L, 8_000L));
        CompareResult r = Bench.compare("mixed").clock(now::get).warmup(0).runs(3)
                .variant("java", () -> now.addAndGet(2_000))
                .variant("Python threading.Lock", python)
                .run();
        assertEquals(python.samplesNanos(), r.variant("Python threading.Lock").samplesNanos());
        assertEquals("4.00× slower", r.relativeSpeed("Python threading.Lock"));
        assertEquals("imported: 3 runs measured elsewhere, not by this comparison",
                r.parameters().get("variant 'Python threading.Lock'"));
        assertEquals("one variant run here", r.parameters().get("order"));
    }

    @Test
    void aComparisonOfImportedMeasurementsClaimsNoWarmUpRunsOrInterleavingOfItsOwn() {
        CompareResult r = Bench.compare("imported only").warmup(5).runs(20)
                .variant("thread", new Measurement("thread", List.of(1_000L, 2_000L)))
                .variant("process", new Measurement("process", List.of(9_000L, 9_500L, 9_900L)))
                .run();
        assertEquals(List.of("variant 'thread'", "variant 'process'"), List.copyOf(r.parameters().keySet()));
        assertEquals("imported: 3 runs measured elsewhere, not by this comparison", r.parameters().get("variant 'process'"));
        assertTrue(!r.toString().contains("interleaved") && !r.toString().contains("warm-up"), r.toString());
    }

    @Test
    void voidWorkMayThrowCheckedExceptionsWithoutATryBlock() {
        CompareResult r = Bench.compare("sleepers").clock(now::get).warmup(0).runs(2)
                .variant("sleep 0", () -> {
                    Thread.sleep(0);
                    now.addAndGet(5);
                })
                .run();
        assertEquals(List.of(5L, 5L), r.variant("sleep 0").samplesNanos());
    }

    @Test
    void plainTextAndHtmlTablesShowEveryVariantAndEscapeMarkup() {
        CompareResult r = threeVariants();
        String text = r.toString();
        assertTrue(text.contains("LongAdder <fast>"), text);
        assertTrue(text.contains("2.00 ms"), text);
        assertTrue(text.contains("4.00× faster"), text);
        String html = r.toHtml();
        assertTrue(html.contains("<td style=\"text-align:left\">LongAdder &lt;fast&gt;</td>"), html);
        assertTrue(html.contains("counter &lt;&amp;&gt; &quot;quoted&quot;"), html);
        assertTrue(!html.contains("<fast>") && !html.contains("<&>"), html);
    }

    @Test
    void jsonRoundTripGivesAnEqualResult(@TempDir Path dir) throws IOException {
        CompareResult r = threeVariants();
        assertEquals(r, CompareResult.fromJson(r.toJson()));
        Path file = dir.resolve("counter.json");
        r.save(file);
        assertEquals(r, CompareResult.load(file));
        assertTrue(Files.readString(file).contains("\"median\""), "stats are written for other readers");
    }

    @Test
    void badJsonNamesWhatWasExpected(@TempDir Path dir) throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompareResult.fromJson("{\"title\": 3"));
        assertTrue(e.getMessage().contains("not a ParaLab compare result"), e.getMessage());
        Path file = dir.resolve("scaling.json");
        Files.writeString(file, "{\"title\":\"t\",\"baseline\":\"x\",\"variants\":[]}");
        IllegalArgumentException fromFile = assertThrows(IllegalArgumentException.class,
                () -> CompareResult.load(file));
        assertTrue(fromFile.getMessage().contains(file.toString()), fromFile.getMessage());
    }

    @Test
    void badBuilderInputIsRefusedAndLeavesTheBuilderUsable() {
        CompareBenchmark b = Bench.compare("b").clock(now::get).warmup(0).runs(1).variant("x", costs(1));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> b.variant("x", costs(2)));
        assertTrue(dup.getMessage().contains("'x' is already defined"), dup.getMessage());
        IllegalArgumentException runs = assertThrows(IllegalArgumentException.class, () -> b.runs(0));
        assertTrue(runs.getMessage().contains("measured runs must be at least 1, got 0"), runs.getMessage());
        assertEquals(1, b.run().variant("x").samplesNanos().size());

        IllegalStateException baseline = assertThrows(IllegalStateException.class, () -> b.baseline("y").run());
        assertTrue(baseline.getMessage().contains("baseline 'y' is not a variant; variants: x"),
                baseline.getMessage());
        IllegalStateException empty = assertThrows(IllegalStateException.class, () -> Bench.compare("e").run());
        assertTrue(empty.getMessage().contains("no variant"), empty.getMessage());
    }

    @Test
    void aFailingVariantIsNamedWithItsRun() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Bench.compare("f")
                .clock(now::get).warmup(0).runs(3)
                .variant("boom", () -> {
                    throw new java.io.IOException("disk gone");
                })
                .run());
        assertTrue(e.getMessage().contains("variant 'boom', measured run 1"), e.getMessage());
        assertInstanceOf(java.io.IOException.class, e.getCause());
    }

    @Test
    void anInterruptedThreadStopsTheRun() {
        Thread.currentThread().interrupt();
        try {
            CancellationException e = assertThrows(CancellationException.class,
                    () -> Bench.compare("i").clock(now::get).variant("x", costs(1)).run());
            assertTrue(e.getMessage().contains("interrupted after 0 of 30 runs"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void measureReturnsTheRawSamplesWithRealTimeToo() {
        Measurement fake = Bench.measure("fake", 3, 4, () -> now.addAndGet(42), now::get);
        assertEquals(List.of(42L, 42L, 42L, 42L), fake.samplesNanos());
        Object[] kept = new Object[1];
        Measurement real = Bench.measure("real", 1, 5, () -> kept[0] = new StringBuilder("x").reverse());
        assertEquals(5, real.samplesNanos().size());
        assertTrue(real.samplesNanos().stream().allMatch(t -> t >= 0));
        assertSame(StringBuilder.class, kept[0].getClass());
    }
}
