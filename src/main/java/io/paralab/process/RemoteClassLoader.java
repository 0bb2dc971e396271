package io.paralab.process;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM's class loader for classes it lacks, e.g. classes defined in a notebook cell: it asks the
 * parent for their bytes over the channel. Used by a worker's task threads, never by its reader thread
 * (which delivers the answers).
 */
final class RemoteClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private final FrameChannel channel;
    private final AtomicInteger nextRequest = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Message.ClassResponse>> waiting = new ConcurrentHashMap<>();

    RemoteClassLoader(FrameChannel channel, ClassLoader parent) {
        super("paralab-remote", parent);
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
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        int id = nextRequest.incrementAndGet();
        CompletableFuture<Message.ClassResponse> future = new CompletableFuture<>();
        waiting.put(id, future);
        channel.send(new Message.ClassRequest(id, name));
        Message.ClassResponse response;
        try {
            response = future.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassNotFoundException(name + ": interrupted while waiting for the parent's bytes");
        } catch (ExecutionException | TimeoutException e) {
            throw new ClassNotFoundException(name + ": the parent did not send its bytes within "
                    + ANSWER_TIMEOUT_SECONDS + " s");
        } finally {
            waiting.remove(id);
        }
        if (response.bytes() == null) {
            throw new ClassNotFoundException(name + ": " + response.error());
        }
        Class<?> defined;
        try {
            defined = defineClass(name, response.bytes(), 0, response.bytes().length);
        } catch (LinkageError e) {
            throw new ClassNotFoundException(name + ": the parent's bytes do not define it here: " + e, e);
        }
        if (response.statics() != null) {
            StaticSnapshot.restore(defined, response.statics(), this);
        }
        return defined;
    }
}
