package io.paralab.cluster;

import com.hazelcast.collection.IQueue;
import io.paralab.process.TaskShipping;

import java.io.IOException;
import java.io.Serializable;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A named {@link BlockingQueue} shared by a whole cluster, for producer–consumer work across members, like
 * {@link io.paralab.shared.SharedQueue} across processes: a Hazelcast queue whose elements travel as packed
 * bytes, so elements of classes defined in a notebook cell work too.
 *
 * <p><b>Guarantee:</b> each element is taken once, in the order added, and survives the death of the member
 * that holds the queue while its backup does — but an element taken by a consumer that then dies is gone, and
 * during a split brain each side may hand out elements on its own.
 *
 * <pre>{@code
 * ClusterQueue<Job> jobs = cluster.queue("jobs", Job.class);
 * pool.submit(() -> { for (Job j; (j = jobs.take()) != Job.END; ) handle(j); return null; });
 * jobs.put(new Job(1));
 * }</pre>
 *
 * <p>It holds only names and the element type, so a task can capture it. Null elements are refused.
 *
 * @param <E> the element type
 */
public final class ClusterQueue<E> extends AbstractQueue<E> implements BlockingQueue<E>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String clusterName;
    private final String name;
    private final Class<E> type;

    ClusterQueue(String clusterName, String name, Class<E> type) {
        this.clusterName = clusterName;
        this.name = name;
        this.type = type;
    }

    private IQueue<byte[]> queue() {
        return ClusterInstances.of(clusterName).getQueue("paralab.queue." + name);
    }

    private byte[] pack(E element) {
        Objects.requireNonNull(element, "a ClusterQueue takes no null elements");
        if (!type.isInstance(element)) {
            throw new ClassCastException(element.getClass().getName() + " is not a " + type.getName());
        }
        return TaskShipping.packResults(List.of(element));
    }

    private E unpack(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try {
            return type.cast(TaskShipping.unpackValues(bytes, loader).getFirst());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot decode an element of queue " + name + ": " + e, e);
        }
    }

    @Override
    public boolean offer(E element) {
        return queue().offer(pack(element));
    }

    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        return queue().offer(pack(element), timeout, unit);
    }

    @Override
    public void put(E element) throws InterruptedException {
        queue().put(pack(element));
    }

    @Override
    public E take() throws InterruptedException {
        return unpack(queue().take());
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return unpack(queue().poll(timeout, unit));
    }

    @Override
    public E poll() {
        return unpack(queue().poll());
    }

    @Override
    public E peek() {
        return unpack(queue().peek());
    }

    @Override
    public int size() {
        return queue().size();
    }

    @Override
    public int remainingCapacity() {
        return queue().remainingCapacity();
    }

    /** A snapshot of the elements now in the queue, oldest first; removing through it is not supported. */
    @Override
    public Iterator<E> iterator() {
        List<E> snapshot = new ArrayList<>();
        for (byte[] bytes : queue()) {
            snapshot.add(unpack(bytes));
        }
        return java.util.Collections.unmodifiableList(snapshot).iterator();
    }

    @Override
    public int drainTo(Collection<? super E> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> target, int maxElements) {
        if (target == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        List<byte[]> taken = new ArrayList<>();
        queue().drainTo(taken, maxElements);
        for (byte[] bytes : taken) {
            target.add(unpack(bytes));
        }
        return taken.size();
    }

    /** The name in the cluster. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "ClusterQueue[" + name + ", " + type.getSimpleName() + "]";
    }
}
