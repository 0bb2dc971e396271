package io.paralab.jupyter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

import static io.paralab.jupyter.ProgressView.Phase.FINISHED;
import static io.paralab.jupyter.ProgressView.Phase.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    private final AtomicLong clock = new AtomicLong(7 * SECOND);
    private final RecordingDisplay display = new RecordingDisplay();

    @Test
    void showsAnEmptyBarWhenCreated() {
        ProgressBar bar = new ProgressBar("squares", display, clock::get);

        assertEquals(List.of(new ProgressView("squares", 0, -1, Duration.ZERO, RUNNING)), display.shown());
        assertEquals(RecordingDisplay.ID, bar.displayId());
        assertTrue(display.updates().isEmpty());
        assertEquals("squares [--------------------] waiting for the first item", bar.view().toText());
    }

    @Test
    void neverMoreThanTenUpdatesInAnySimulatedSecondAndTheFinalOneAlwaysArrives() {
        ProgressBar bar = new ProgressBar("many", display, clock::get);
        long total = 10_000;
        for (long done = 1; done <= total; done++) {
            clock.addAndGet(SECOND / 2_000);          // 2,000 reports a second for 5 seconds
            bar.progress(done, total);
        }

        List<ProgressView> updates = display.updates();
        assertAtMostTenInAnySecond(updates);
        assertTrue(updates.size() >= 40, "about 9 a second over 5 s, got " + updates.size());
        ProgressView last = updates.get(updates.size() - 1);
        assertEquals(new ProgressView("many", total, total, Duration.ofSeconds(5), FINISHED), last);
        assertEquals(1, updates.stream().filter(ProgressView::finished).count());
    }

    @Test
    void finalUpdateIsSentEvenRightAfterAnotherUpdate() {
        ProgressBar bar = new ProgressBar("burst", display, clock::get);
        for (int done = 1; done <= 20; done++) {     // 20 reports within 2 ms: one update, then throttled
            clock.addAndGet(MS / 10);
            bar.progress(done, 21);
        }
        assertEquals(1, display.updates().size());

        clock.addAndGet(1);
        bar.progress(21, 21);

        List<ProgressView> updates = display.updates();
        assertEquals(2, updates.size());
        assertTrue(updates.get(1).finished());
        assertEquals(21, updates.get(1).done());
    }

    @Test
    void finalUpdateStillFitsAfterAFullSecondOfUpdates() {
        ProgressBar bar = new ProgressBar("dense", display, clock::get);
        for (int done = 1; done < 1_000; done++) {      // one report per ms: the throttle decides
            clock.addAndGet(MS);
            bar.progress(done, 1_000);
        }
        bar.progress(1_000, 1_000);                     // final in the same millisecond as the last report

        assertAtMostTenInAnySecond(display.updates());
        assertTrue(display.updates().get(display.updates().size() - 1).finished());
    }

    @Test
    void reportsAfterTheFinalOneChangeNothing() {
        ProgressBar bar = new ProgressBar("done", display, clock::get);
        clock.addAndGet(2 * SECOND);
        bar.progress(4, 4);
        ProgressView finalView = bar.view();

        clock.addAndGet(SECOND);
        bar.progress(3, 4);
        bar.progress(4, 4);

        assertEquals(1, display.updates().size());
        assertEquals(finalView, bar.view());
        assertEquals("done [####################] 100%  4 items in 2.00 s, 2.00 items/s", finalView.toText());
    }

    @Test
    void reportsArrivingOutOfOrderNeverMoveTheBarBack() {
        ProgressBar bar = new ProgressBar("order", display, clock::get);
        clock.addAndGet(SECOND);
        bar.progress(7, 10);
        clock.addAndGet(SECOND);
        bar.progress(5, 10);

        assertEquals(List.of(7L, 7L), display.updates().stream().map(ProgressView::done).toList());
        assertEquals(7, bar.view().done());
    }

    @Test
    void badReportsAreRejectedAndChangeNothing() {
        ProgressBar bar = new ProgressBar("bad", display, clock::get);
        clock.addAndGet(SECOND);
        bar.progress(2, 10);
        ProgressView before = bar.view();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bar.progress(11, 10));
        assertEquals("done must be between 0 and total 10, got 11", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bar.progress(-1, 10));
        assertEquals("done must be between 0 and total 10, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bar.progress(0, -5));
        assertEquals("total must not be negative, got -5", e.getMessage());

        assertEquals(before, bar.view());
        assertEquals(1, display.updates().size());
    }

    @Test
    void anEmptyRunFinishesAtOnce() {
        ProgressBar bar = new ProgressBar("nothing", display, clock::get);
        bar.progress(0, 0);

        ProgressView last = display.updates().get(0);
        assertTrue(last.finished());
        assertEquals(100, last.percent());
        assertEquals("nothing [####################] 100%  0 items in 0.00 s", last.toText());
    }

    @Test
    void concurrentReportsFromManyThreads() {
        ProgressBar bar = new ProgressBar("parallel", display, System::nanoTime);
        int threads = 8;
        int perThread = 2_000;
        long total = (long) threads * perThread;
        AtomicLong done = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads);

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(Thread.ofPlatform().name("reporter-" + t).start(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < perThread; i++) {
                        bar.progress(done.incrementAndGet(), total);   // like a pool: counts may arrive out of order
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
        });

        List<ProgressView> updates = display.updates();
        assertAtMostTenInAnySecond(updates);
        ProgressView last = updates.get(updates.size() - 1);
        assertTrue(last.finished());
        assertEquals(total, last.done());
        assertEquals(1, updates.stream().filter(ProgressView::finished).count());
        for (int i = 1; i < updates.size(); i++) {
            assertTrue(updates.get(i).done() >= updates.get(i - 1).done(), "bar went back at update " + i);
            assertTrue(updates.get(i).elapsed().compareTo(updates.get(i - 1).elapsed()) >= 0);
        }
    }

    @Test
    void viewHtmlEscapesTheLabelAndShowsAProgressElement() {
        ProgressView running = new ProgressView("<i>squares & cubes</i>", 250, 1000, Duration.ofMillis(310), RUNNING);
        assertEquals("<div class=\"paralab-progress\"><progress value=\"250\" max=\"1000\""
                + " style=\"width:20em;vertical-align:middle\"></progress> <b>&lt;i&gt;squares &amp; cubes&lt;/i&gt;</b>"
                + "  25%  250/1000  0.31 s</div>", running.toHtml());
        assertEquals("<i>squares & cubes</i> [#####---------------]  25%  250/1000  0.31 s", running.toText());

        ProgressView finished = new ProgressView("squares", 1000, 1000, Duration.ofMillis(1230), FINISHED);
        assertTrue(finished.toHtml().contains("<progress value=\"1000\" max=\"1000\""), finished.toHtml());
        assertEquals("squares [####################] 100%  1000 items in 1.23 s, 813 items/s", finished.toText());
    }

    @Test
    void viewRejectsCountsThatDoNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProgressView("x", 11, 10, Duration.ZERO, RUNNING));
        assertEquals("done must be between 0 and total 10, got 11", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProgressView("x", 1, -1, Duration.ZERO, RUNNING));
        assertEquals("done must be between 0 and total -1, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProgressView("x", 0, -1, Duration.ZERO, FINISHED));
        assertEquals("a run cannot finish before it has started", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ProgressView("x", 0, 1, Duration.ofNanos(-1), RUNNING));
        assertEquals("elapsed must not be negative, got PT-0.000000001S", e.getMessage());
    }

    @Test
    void throttleNeedsRoomForTheFinalUpdate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UpdateThrottle(1));
        assertEquals("maxPerSecond must be at least 2 (one is kept for the final update), got 1", e.getMessage());
    }

    /** Every half-open window [t, t + 1 s) that starts at an update holds at most 10 updates. */
    private static void assertAtMostTenInAnySecond(List<ProgressView> updates) {
        for (int i = 0; i < updates.size(); i++) {
            Duration windowEnd = updates.get(i).elapsed().plusSeconds(1);
            int inWindow = 0;
            for (int j = i; j < updates.size() && updates.get(j).elapsed().compareTo(windowEnd) < 0; j++) {
                inWindow++;
            }
            assertTrue(inWindow <= ProgressBar.MAX_UPDATES_PER_SECOND,
                    inWindow + " updates in the second from " + updates.get(i).elapsed());
        }
        assertFalse(updates.isEmpty());
    }
}
