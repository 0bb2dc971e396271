package io.paralab.threads;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CancellationScopeTest {

    @Test
    void outsideAnyScopeRegisteringDoesNothing() {
        AtomicInteger ran = new AtomicInteger();
        assertTrue(CancellationScope.current().isEmpty());
        CancellationScope.register(ran::incrementAndGet).close();
        assertEquals(0, ran.get());
    }

    @Test
    void cancelRunsOpenCancellersNewestFirstAndOnlyOnce() {
        CancellationScope scope = new CancellationScope("cell");
        List<String> order = new ArrayList<>();
        try (CancellationScope.Binding ignored = scope.enter()) {
            CancellationScope.register(() -> order.add("first"));
            CancellationScope.register(() -> order.add("closed")).close();
            CancellationScope.register(() -> order.add("second"));
        }
        assertEquals(2, scope.openRegistrations());
        scope.cancel();
        scope.cancel();
        assertEquals(List.of("second", "first"), order);
        assertTrue(scope.isCancelled());
        assertEquals(0, scope.openRegistrations());
    }

    @Test
    void registeringInACancelledScopeCancelsAtOnce() {
        CancellationScope scope = new CancellationScope("cell");
        scope.cancel();
        AtomicInteger ran = new AtomicInteger();
        try (CancellationScope.Binding ignored = scope.enter()) {
            CancellationScope.register(ran::incrementAndGet);
        }
        assertEquals(1, ran.get());
    }

    @Test
    void threadsInheritTheScopeAndBindingsNest() throws Exception {
        CancellationScope outer = new CancellationScope("outer");
        CancellationScope inner = new CancellationScope("inner");
        AtomicReference<CancellationScope> seen = new AtomicReference<>();
        try (CancellationScope.Binding ignored = outer.enter()) {
            try (CancellationScope.Binding alsoIgnored = inner.enter()) {
                Thread.ofVirtual().start(() -> seen.set(CancellationScope.current().orElse(null))).join();
            }
            assertSame(outer, CancellationScope.current().orElseThrow());
        }
        assertSame(inner, seen.get());
        assertTrue(CancellationScope.current().isEmpty());
    }

    @Test
    void aFailingCancellerDoesNotStopTheOthers() {
        CancellationScope scope = new CancellationScope("cell");
        AtomicInteger ran = new AtomicInteger();
        try (CancellationScope.Binding ignored = scope.enter()) {
            CancellationScope.register(ran::incrementAndGet);
            CancellationScope.register(() -> {
                throw new IllegalStateException("one");
            });
            CancellationScope.register(() -> {
                throw new IllegalStateException("two");
            });
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, scope::cancel);
        assertEquals("two", e.getMessage());
        assertEquals("one", e.getSuppressed()[0].getMessage());
        assertEquals(1, ran.get());
    }
}
