package io.paralab.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.paralab.process.TaskShipping;
import io.paralab.process.TaskTimeoutException;
import io.paralab.process.WorkerDiedException;
import io.paralab.threads.TaskObserver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The state machine behind a {@link ClusterPool}: which tasks wait, which member runs which task, and what a
 * member's departure, a timeout or a cancel means. It sends each task to the data member with the fewest of
 * this pool's tasks (keeping a few queued on each so tiny tasks pipeline), and when a member leaves — killed,
 * crashed, cut off — it sends the tasks that member had not started to other members and fails the ones it
 * may have been running with a {@link WorkerDiedException} naming it (or runs them again while retries last).
 * All mutable state is guarded by one lock; futures complete outside it.
 */
final class ClusterScheduler {

    /** A pool's fixed settings, from {@link ClusterPool.Builder}. */
    record Settings(int retries, Duration taskTimeout, TaskObserver observer) {}

    /** Where a pool is in its life. */
    enum State { OPEN, SHUT_DOWN, TERMINATED }

    private static final long PIPELINE_NANOS = 2_000_000;
    private static final int MAX_PREFETCH = 256;

    private final String poolName;
    private final HazelcastInstance hazelcast;
    private final IExecutorService executor;
    private final Settings settings;
    private final ScheduledExecutorService timer;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final UUID listener;
    private final Runnable onTerminated;

    private final Object lock = new Object();
    private final ArrayDeque<RemoteTask> pending = new ArrayDeque<>();
    private final Map<UUID, MemberSlot> members = new LinkedHashMap<>();
    private State state = State.OPEN;

    ClusterScheduler(String poolName, HazelcastInstance hazelcast, Settings settings, Runnable onTerminated) {
        this.poolName = poolName;
        this.hazelcast = hazelcast;
        this.executor = hazelcast.getExecutorService(MemberConfig.TASK_EXECUTOR);
        this.settings = settings;
        this.onTerminated = onTerminated;
        this.timer = settings.taskTimeout() == null ? null : Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name(poolName + "-timeouts").unstarted(r));
        this.listener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                List<Dispatch> sends;
                synchronized (lock) {
                    addLocked(event.getMember());
                    sends = dispatchLocked();
                }
                send(sends);
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                memberLeft(event.getMember().getUuid(), "left the cluster");
            }
        });
        synchronized (lock) {
            for (Member member : hazelcast.getCluster().getMembers()) {
                addLocked(member);
            }
        }
    }

    /** One data member as this pool sees it: the tasks sent to it and not yet answered, oldest first. */
    static final class MemberSlot {
        final Member member;
        final String label;
        final int threads;
        final Map<Long, RemoteTask> inFlight = new LinkedHashMap<>();
        double averageRunNanos = 1_000_000;

        MemberSlot(Member member) {
            this.member = member;
            this.label = MemberLabel.of(member);
            int t;
            try {
                t = Integer.parseInt(member.getAttribute(MemberConfig.THREADS));
            } catch (NumberFormatException e) {
                t = 1;
            }
            this.threads = Math.max(1, t);
        }
    }

    private record Dispatch(RemoteTask task, MemberSlot slot) {}

    private void addLocked(Member member) {
        if (!member.isLiteMember() && !members.containsKey(member.getUuid())) {
            members.put(member.getUuid(), new MemberSlot(member));
        }
    }

    int retries() {
        return settings.retries();
    }

    State state() {
        synchronized (lock) {
            return state;
        }
    }

    void checkOpen() {
        synchronized (lock) {
            if (state != State.OPEN) {
                throw new RejectedExecutionException(poolName + " is shut down");
            }
            if (!hazelcast.getLifecycleService().isRunning()) {
                throw new RejectedExecutionException(poolName + ": its cluster connection is closed");
            }
        }
    }

    /** Queues tasks and sends what the members can take now. */
    void enqueue(List<RemoteTask> tasks) {
        List<Dispatch> sends;
        synchronized (lock) {
            if (state != State.OPEN) {
                RejectedExecutionException rejected = new RejectedExecutionException(poolName + " is shut down");
                tasks.forEach(t -> t.future.failFromMember(rejected));
                throw rejected;
            }
            if (members.isEmpty()) {
                RejectedExecutionException rejected = new RejectedExecutionException(poolName
                        + ": the cluster has no data members to run tasks");
                tasks.forEach(t -> t.future.failFromMember(rejected));
                throw rejected;
            }
            pending.addAll(tasks);
            sends = dispatchLocked();
        }
        send(sends);
    }

    private int capacity(MemberSlot slot) {
        if (timer != null) {
            return slot.threads;   // a timeout counts from the send: no task waits behind another on the member
        }
        long prefetch = Math.round(PIPELINE_NANOS / Math.max(1.0, slot.averageRunNanos));
        return slot.threads + (int) Math.max(1, Math.min(MAX_PREFETCH, prefetch));
    }

    private List<Dispatch> dispatchLocked() {
        List<Dispatch> sends = new ArrayList<>();
        while (!pending.isEmpty()) {
            RemoteTask task = pending.peek();
            if (task.future.isDone()) {
                pending.poll();
                continue;
            }
            MemberSlot best = null;
            for (MemberSlot slot : members.values()) {
                if (slot.inFlight.size() < capacity(slot) && (best == null || slot.inFlight.size() < best.inFlight.size())) {
                    best = slot;
                }
            }
            if (best == null) {
                break;
            }
            pending.poll();
            best.inFlight.put(task.id, task);
            task.slot = best;
            sends.add(new Dispatch(task, best));
        }
        checkTerminationLocked();
        return sends;
    }

    @SuppressWarnings("unchecked")
    private void send(List<Dispatch> sends) {
        for (Dispatch d : sends) {
            RemoteTask task = d.task();
            MemberSlot slot = d.slot();
            Future<TaskOutcome> remote;
            try {
                remote = executor.submitToMember(task.shipped, slot.member);
            } catch (RuntimeException e) {
                ended(task, slot, null, e);
                continue;
            }
            synchronized (lock) {
                if (task.slot == slot) {
                    task.remote = remote;
                    if (timer != null) {
                        task.timeout = timer.schedule(() -> timedOut(task, slot), settings.taskTimeout().toNanos(),
                                TimeUnit.NANOSECONDS);
                    }
                }
            }
            ((CompletionStage<TaskOutcome>) remote).whenComplete((outcome, error) -> ended(task, slot, outcome, error));
        }
    }

    private void ended(RemoteTask task, MemberSlot slot, TaskOutcome outcome, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause != null && isDeparture(cause)) {
            memberLeft(slot.member.getUuid(), "left the cluster (" + cause.getClass().getSimpleName() + ")");
            return;
        }
        List<Dispatch> sends;
        synchronized (lock) {
            if (slot.inFlight.remove(task.id) == null) {
                return;   // answered for already: timed out, cancelled, or its member left
            }
            task.slot = null;
            if (task.timeout != null) {
                task.timeout.cancel(false);
            }
            if (outcome != null) {
                slot.averageRunNanos = 0.9 * slot.averageRunNanos + 0.1 * (outcome.endNanos - outcome.startNanos);
            }
            sends = dispatchLocked();
        }
        send(sends);
        if (cause != null) {
            task.future.failFromMember(cause instanceof RejectedExecutionException ? cause
                    : new IllegalStateException(task.label + " could not run on " + slot.label + ": " + cause, cause));
            return;
        }
        if (settings.observer() != null) {
            String lane = slot.threads > 1 ? slot.label + " thread " + threadNumber(outcome.thread) : slot.label;
            settings.observer().taskRan(lane, task.label, outcome.startNanos, outcome.endNanos);
        }
        if (outcome.failed) {
            task.future.failFromMember(TaskShipping.unpackThrowable(outcome.payload, task.loader));
            return;
        }
        try {
            List<Object> values = TaskShipping.unpackValues(outcome.payload, task.loader);
            task.future.completeFromMember(task.kind == ShippedTask.Kind.EACH ? values : values.getFirst());
        } catch (Exception e) {
            task.future.failFromMember(new IllegalStateException("cannot decode the result of " + task.label + " from "
                    + slot.label + ": " + e, e));
        }
    }

    private static String threadNumber(String thread) {
        int dash = thread.lastIndexOf('-');
        return dash >= 0 ? thread.substring(dash + 1) : thread;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private boolean isDeparture(Throwable cause) {
        return cause instanceof MemberLeftException || cause instanceof TargetNotMemberException
                || cause instanceof TargetDisconnectedException
                || (cause instanceof HazelcastInstanceNotActiveException && hazelcast.getLifecycleService().isRunning());
    }

    /**
     * A member is gone: the tasks it may have been running (the oldest unanswered ones, one per thread) fail
     * naming it, or run again while their retries last; the others go to the remaining members.
     */
    private void memberLeft(UUID uuid, String how) {
        List<Runnable> failures = new ArrayList<>();
        List<Dispatch> sends;
        synchronized (lock) {
            MemberSlot slot = members.remove(uuid);
            if (slot == null) {
                return;
            }
            Set<RemoteTask> suspects = new HashSet<>();
            for (RemoteTask task : slot.inFlight.values()) {
                if (suspects.size() < slot.threads) {
                    suspects.add(task);
                }
            }
            List<RemoteTask> requeue = new ArrayList<>();
            for (RemoteTask task : slot.inFlight.values()) {
                task.slot = null;
                if (task.timeout != null) {
                    task.timeout.cancel(false);
                }
                if (task.future.isDone()) {
                    continue;
                }
                if (!suspects.contains(task)) {
                    requeue.add(task);
                } else if (task.retriesLeft > 0) {
                    task.retriesLeft--;
                    requeue.add(task);
                } else {
                    WorkerDiedException died = new WorkerDiedException(MemberLabel.name(slot.member),
                            MemberLabel.pid(slot.member), how + " at " + slot.member.getAddress(),
                            WorkerDiedException.Role.CULPRIT,
                            "while running " + task.label + (settings.retries() > 0 ? " (after " + settings.retries() + " retries)" : ""));
                    failures.add(() -> task.future.failFromMember(died));
                }
            }
            slot.inFlight.clear();
            for (int i = requeue.size() - 1; i >= 0; i--) {
                pending.addFirst(requeue.get(i));
            }
            if (members.isEmpty() && !pending.isEmpty()) {
                RejectedExecutionException none = new RejectedExecutionException(poolName
                        + ": no data member is left to run " + pending.size() + " tasks (the last one, " + slot.label + ", " + how + ")");
                for (RemoteTask task : pending) {
                    failures.add(() -> task.future.failFromMember(none));
                }
                pending.clear();
            }
            sends = dispatchLocked();
        }
        failures.forEach(Runnable::run);
        send(sends);
    }

    private void timedOut(RemoteTask task, MemberSlot slot) {
        Future<TaskOutcome> remote;
        List<Dispatch> sends;
        synchronized (lock) {
            if (slot.inFlight.remove(task.id) == null) {
                return;
            }
            task.slot = null;
            remote = task.remote;
            sends = dispatchLocked();
        }
        if (remote != null) {
            remote.cancel(true);
        }
        send(sends);
        task.future.failFromMember(new TaskTimeoutException(task.label + " ran longer than "
                + settings.taskTimeout().toMillis() + " ms on " + slot.label + "; its thread there was interrupted"));
    }

    /** Called by a task's future when it was cancelled. */
    void cancelled(RemoteTask task, boolean interrupt) {
        Future<TaskOutcome> remote = null;
        List<Dispatch> sends;
        synchronized (lock) {
            MemberSlot slot = task.slot;
            if (slot != null) {
                slot.inFlight.remove(task.id);
                task.slot = null;
                if (task.timeout != null) {
                    task.timeout.cancel(false);
                }
                remote = task.remote;
            } else {
                pending.remove(task);
            }
            sends = dispatchLocked();
        }
        if (remote != null) {
            remote.cancel(interrupt);
        }
        send(sends);
    }

    void shutdown() {
        synchronized (lock) {
            if (state == State.OPEN) {
                state = State.SHUT_DOWN;
            }
            checkTerminationLocked();
        }
    }

    /** Cancels every task; returns those not yet sent to a member. */
    List<RemoteTask> shutdownNow() {
        List<RemoteTask> notSent;
        List<RemoteTask> sent = new ArrayList<>();
        synchronized (lock) {
            if (state == State.OPEN) {
                state = State.SHUT_DOWN;
            }
            notSent = new ArrayList<>(pending);
            pending.clear();
            for (MemberSlot slot : members.values()) {
                sent.addAll(slot.inFlight.values());
            }
        }
        notSent.forEach(t -> t.future.cancel(false));
        sent.forEach(t -> t.future.cancel(true));
        synchronized (lock) {
            checkTerminationLocked();
        }
        return notSent;
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    String describe() {
        synchronized (lock) {
            int inFlight = members.values().stream().mapToInt(s -> s.inFlight.size()).sum();
            return poolName + ", members=" + members.size() + ", pending=" + pending.size() + ", running=" + inFlight
                    + (state != State.OPEN ? ", " + state.name().toLowerCase().replace('_', ' ') : "");
        }
    }

    private void checkTerminationLocked() {
        if (state != State.SHUT_DOWN || !pending.isEmpty()) {
            return;
        }
        for (MemberSlot slot : members.values()) {
            if (!slot.inFlight.isEmpty()) {
                return;
            }
        }
        state = State.TERMINATED;
        Thread.ofPlatform().daemon().name(poolName + "-closer").start(() -> {
            try {
                if (hazelcast.getLifecycleService().isRunning()) {
                    hazelcast.getCluster().removeMembershipListener(listener);
                }
            } catch (RuntimeException e) {
                // the connection is closing: nothing to unregister from
            }
            onTerminated.run();
            if (timer != null) {
                timer.shutdownNow();
            }
            terminated.countDown();
        });
    }
}
