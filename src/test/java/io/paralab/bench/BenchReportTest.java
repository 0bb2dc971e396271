package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void everyOutcomeOffersEscapedHtmlAChartAndText() {
        Timeline timeline = new Timeline("<script>");
        timeline.record("w1", "a", 0, 10);
        timeline.record("w2", "b", 5, 10);
        List<BenchReport> reports = List.of(
                Bench.compare("<b>compare</b>").clock(now::get).warmup(0).runs(2)
                        .variant("x", () -> now.addAndGet(10)).run(),
                Bench.scaling("<b>scaling</b>").clock(now::get).workers(1, 2).warmup(0).runs(2)
                        .work(n -> now.addAndGet(10 / n)).run(),
                timeline);
        for (BenchReport report : reports) {
            String html = report.toHtml();
            assertFalse(html.contains("<b>") || html.contains("<script>"), html);
            assertTrue(html.contains("&lt;"), html);
            assertTrue(report.chart().getWidth() > 0);
            assertFalse(report.toString().isBlank());
        }
        assertEquals("<p class=\"paralab-bench-note\">Timeline[&lt;script&gt;: 2 tasks on 2 workers, max 2 at once]</p>\n",
                timeline.toHtml());
    }
}
