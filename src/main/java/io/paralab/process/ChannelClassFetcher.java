package io.paralab.process;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM's way to ask its parent for class bytes: a {@link Message.ClassRequest} over the framed
 * channel, answered by the parent's {@link ClassServer}; the worker's reader thread hands the
 * {@link Message.ClassResponse} to {@link #answer}, which wakes the task thread waiting in {@link #fetch}.
 */
final class ChannelClassFetcher implements RemoteClassLoader.Fetcher {

    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private final FrameChannel channel;
    private final AtomicInteger nextRequest = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Message.ClassResponse>> waiting = new ConcurrentHashMap<>();

    ChannelClassFetcher(FrameChannel channel) {
        this.channel = channel;
    }

    /** Delivers the parent's answer; called by the worker's reader thread. */
    void answer(Message.ClassResponse response) {
        CompletableFuture<Message.ClassResponse> future = waiting.remove(response.requestId());
        if (future != null) {
            future.complete(response);
        }
    }

    @Override
    public Message.ClassResponse fetch(String name) throws ClassNotFoundException {
        int id = nextRequest.incrementAndGet();
        CompletableFuture<Message.ClassResponse> future = new CompletableFuture<>();
        waiting.put(id, future);
        channel.send(new Message.ClassRequest(id, name));
        try {
            return future.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassNotFoundException(name + ": interrupted while waiting for the parent's bytes");
        } catch (ExecutionException | TimeoutException e) {
            throw new ClassNotFoundException(name + ": the parent did not send its bytes within "
                    + ANSWER_TIMEOUT_SECONDS + " s");
        } finally {
            waiting.remove(id);
        }
    }
}
