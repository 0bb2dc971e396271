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
import io.paralab.process.TaskPolicy;
import io.paralab.process.TaskShipping;
import io.paralab.process.TaskTimeoutException;
import io.paralab.process.WorkerDiedException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The state machine behind a {@link ClusterPool}: which tasks wait, which member runs which task, and what a
 * member's departure, a timeout or a cancel means. It sends tasks to the data member with the fewest of this
 * pool's tasks, keeping a call or two queued on each beyond its task threads so the member never waits, and
 * sends tiny tasks (by their measured run time) several to a call, so Hazelcast's cost per call is paid once
 * for many. When a member leaves —
 * killed, crashed, cut off — the tasks it had not started go to the other members, and those it may have been
 * running (the batches at the head of its queue, one per task thread) fail with a {@link WorkerDiedException}
 * naming it, or run again while their retries last. All mutable state is guarded by one lock; futures complete
 * outside it.
 */
final class ClusterScheduler {

    /** Where a pool is in its life. */
    enum State { OPEN, SHUT_DOWN, TERMINATED }

    /** Calls kept in flight to a member beyond one per task thread, so it never waits for the next call. */
    private static final int CALLS_AHEAD = 2;
    /** How much work, in run time, one call carries at most; tasks slower than this travel one per call. */
    private static final long BATCH_NANOS = 1_000_000;
    private static final int MAX_BATCH = 64;

    private final String poolName;
    private final HazelcastInstance hazelcast;
    private final IExecutorService executor;
    private final TaskPolicy settings;
    private final ScheduledExecutorService timer;
    /**
     * Where a member's answers are handled and futures completed: a virtual thread each. Hazelcast would run
     * them on a new platform thread each when the common pool has one thread (a 2-core machine), and its
     * response thread must not run user callbacks.
     */
    private final Executor answers;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final UUID listener;
    private final UUID submitter;
    private final long poolId;
    private final Runnable onTerminated;

    private final Object lock = new Object();
    private final ArrayDeque<RemoteTask> pending = new ArrayDeque<>();
    private final Map<UUID, MemberSlot> members = new LinkedHashMap<>();
    private State state = State.OPEN;

    ClusterScheduler(String poolName, HazelcastInstance hazelcast, long poolId, TaskPolicy settings, Runnable onTerminated) {
        this.poolName = poolName;
        this.hazelcast = hazelcast;
        this.poolId = poolId;
        this.submitter = hazelcast.getCluster().getLocalMember().getUuid();
        this.executor = hazelcast.getExecutorService(MemberConfig.TASK_EXECUTOR);
        this.settings = settings;
        this.onTerminated = onTerminated;
        ThreadFactory answerThreads = Thread.ofVirtual().name(poolName + "-answer").factory();
        this.answers = answer -> answerThreads.newThread(answer).start();
        this.timer = settings.taskTimeout() == null ? null : Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name(poolName + "-timeouts").unstarted(r));
        this.listener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                List<Batch> sends;
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

    /** One data member as this pool sees it: the batches sent to it and not yet answered, oldest first. */
    static final class MemberSlot {
        final Member member;
        final String label;
        final int threads;
        final Set<Batch> batches = new LinkedHashSet<>();
        int tasks;
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

    /** Tasks sent to a member in one call; a task whose batch is this one is still the member's. */
    static final class Batch {
        final MemberSlot slot;
        final List<RemoteTask> tasks = new ArrayList<>();
        Future<BatchOutcome> remote;
        ScheduledFuture<?> timeout;

        Batch(MemberSlot slot) {
            this.slot = slot;
        }
    }

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
        List<Batch> sends;
        synchronized (lock) {
            RejectedExecutionException rejected = null;
            if (state != State.OPEN) {
                rejected = new RejectedExecutionException(poolName + " is shut down");
            } else if (members.isEmpty()) {
                rejected = new RejectedExecutionException(poolName + ": the cluster has no data members to run tasks");
            }
            if (rejected != null) {
                RejectedExecutionException e = rejected;
                tasks.forEach(t -> t.future.failFromMember(e));
                throw e;
            }
            pending.addAll(tasks);
            sends = dispatchLocked();
        }
        send(sends);
    }

    /** How many calls a member may have in flight: one per task thread, plus a few queued unless there is a timeout. */
    private int maxCalls(MemberSlot slot) {
        return timer != null ? slot.threads : slot.threads + CALLS_AHEAD;   // a timeout counts from the send
    }

    /** How many tasks the next call to a member carries: as many as fill {@link #BATCH_NANOS}, shared fairly. */
    private int batchSize(MemberSlot slot) {
        if (timer != null) {
            return 1;
        }
        int threads = 0;
        for (MemberSlot m : members.values()) {
            threads += m.threads;
        }
        int fair = Math.max(1, (pending.size() + threads - 1) / threads);
        long byTime = Math.round(BATCH_NANOS / Math.max(1.0, slot.averageRunNanos));
        return (int) Math.max(1, Math.min(Math.min(MAX_BATCH, byTime), fair));
    }

    private List<Batch> dispatchLocked() {
        List<Batch> sends = new ArrayList<>();
        while (!pending.isEmpty()) {
            if (pending.peek().future.isDone()) {
                pending.poll();
                continue;
            }
            MemberSlot best = null;
            for (MemberSlot slot : members.values()) {
                if (slot.batches.size() < maxCalls(slot) && (best == null || slot.tasks < best.tasks)) {
                    best = slot;
                }
            }
            if (best == null) {
                break;
            }
            int size = batchSize(best);
            Batch batch = new Batch(best);
            while (batch.tasks.size() < size && !pending.isEmpty()) {
                if (pending.peek().alone && !batch.tasks.isEmpty()) {
                    break;
                }
                RemoteTask task = pending.poll();
                if (!task.future.isDone()) {
                    task.batch = batch;
                    batch.tasks.add(task);
                    if (task.alone) {
                        break;
                    }
                }
            }
            if (!batch.tasks.isEmpty()) {
                best.batches.add(batch);
                best.tasks += batch.tasks.size();
                sends.add(batch);
            }
        }
        checkTerminationLocked();
        return sends;
    }

    @SuppressWarnings("unchecked")
    private void send(List<Batch> sends) {
        for (Batch batch : sends) {
            List<ShippedBatch.Task> tasks = new ArrayList<>(batch.tasks.size());
            Set<Long> functionsSent = new HashSet<>();
            for (RemoteTask task : batch.tasks) {
                ShippedBatch.Task shipped = task.shipped;
                // a map's function travels once per batch: its items share the values packed with it
                boolean repeat = shipped.kind() == ShippedBatch.Kind.EACH && !functionsSent.add(shipped.functionId());
                tasks.add(repeat ? new ShippedBatch.Task(shipped.taskId(), shipped.functionId(), shipped.kind(), null,
                        shipped.arguments()) : shipped);
            }
            Future<BatchOutcome> remote;
            try {
                remote = executor.submitToMember(new ShippedBatch(submitter, poolId, tasks), batch.slot.member);
            } catch (RuntimeException e) {
                ended(batch, null, e);
                continue;
            }
            synchronized (lock) {
                batch.remote = remote;
                if (timer != null && batch.slot.batches.contains(batch)) {
                    batch.timeout = timer.schedule(() -> timedOut(batch), settings.taskTimeout().toNanos(), TimeUnit.NANOSECONDS);
                }
            }
            ((CompletionStage<BatchOutcome>) remote).whenCompleteAsync((outcome, error) -> ended(batch, outcome, error), answers);
        }
    }

    private void ended(Batch batch, BatchOutcome outcome, Throwable error) {
        Throwable cause = unwrap(error);
        MemberSlot slot = batch.slot;
        if (cause != null && isDeparture(cause)) {
            memberLeft(slot.member.getUuid(), "left the cluster (" + cause.getClass().getSimpleName() + ")");
            return;
        }
        List<Integer> answered = new ArrayList<>();
        List<Batch> sends;
        synchronized (lock) {
            if (!slot.batches.remove(batch)) {
                return;   // answered for already: timed out, cancelled, or its member left
            }
            if (batch.timeout != null) {
                batch.timeout.cancel(false);
            }
            for (int i = 0; i < batch.tasks.size(); i++) {
                RemoteTask task = batch.tasks.get(i);
                if (task.batch == batch) {
                    task.batch = null;
                    slot.tasks--;
                    answered.add(i);
                }
            }
            if (outcome != null) {
                long runNanos = 0;
                for (int i = 0; i < outcome.startNanos.length; i++) {
                    runNanos += outcome.endNanos[i] - outcome.startNanos[i];
                }
                slot.averageRunNanos = 0.8 * slot.averageRunNanos + 0.2 * runNanos / Math.max(1, outcome.startNanos.length);
            }
            sends = dispatchLocked();
        }
        send(sends);
        for (int i : answered) {
            RemoteTask task = batch.tasks.get(i);
            if (cause != null) {
                task.future.failFromMember(cause instanceof RejectedExecutionException ? cause
                        : new IllegalStateException(task.label + " could not run on " + slot.label + ": " + cause, cause));
            } else {
                complete(task, slot, outcome, i);
            }
        }
    }

    private void complete(RemoteTask task, MemberSlot slot, BatchOutcome outcome, int i) {
        if (settings.observer() != null) {
            String lane = slot.threads > 1 ? slot.label + " thread " + threadNumber(outcome.thread) : slot.label;
            settings.observer().taskRan(lane, task.label, outcome.startNanos[i], outcome.endNanos[i]);
        }
        if (outcome.failed[i]) {
            task.future.failFromMember(TaskShipping.unpackThrowable(outcome.payloads[i], task.loader));
            return;
        }
        try {
            List<Object> values = TaskShipping.unpackValues(outcome.payloads[i], task.loader);
            task.future.completeFromMember(task.shipped.kind() == ShippedBatch.Kind.EACH ? values : values.getFirst());
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
     * A member is gone. The tasks it may have been running are those of its oldest unanswered calls, one per task
     * thread: when that is one task, it fails naming the member, or runs again while its retries last; when it is
     * several, each runs again alone (using no retry), so a second death names its task. The tasks it had not
     * started go to the remaining members.
     */
    private void memberLeft(UUID uuid, String how) {
        List<Runnable> failures = new ArrayList<>();
        List<Batch> sends;
        synchronized (lock) {
            MemberSlot slot = members.remove(uuid);
            if (slot == null) {
                return;
            }
            List<RemoteTask> requeue = new ArrayList<>();
            List<RemoteTask> suspects = new ArrayList<>();
            int running = 0;
            for (Batch batch : slot.batches) {
                boolean suspect = running++ < slot.threads;
                if (batch.timeout != null) {
                    batch.timeout.cancel(false);
                }
                for (RemoteTask task : batch.tasks) {
                    if (task.batch != batch || task.future.isDone()) {
                        continue;
                    }
                    task.batch = null;
                    (suspect ? suspects : requeue).add(task);
                }
            }
            for (RemoteTask task : suspects) {
                if (suspects.size() > 1 && !task.alone) {
                    task.alone = true;     // which one was running is unknown: each runs again alone, without using a retry
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
            slot.batches.clear();
            slot.tasks = 0;
            for (int i = requeue.size() - 1; i >= 0; i--) {
                pending.addFirst(requeue.get(i));
            }
            if (members.isEmpty() && !pending.isEmpty()) {
                RejectedExecutionException none = new RejectedExecutionException(poolName + ": no data member is left to run "
                        + pending.size() + " tasks (the last one, " + slot.label + ", " + how + ")");
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

    /** A batch (of one task: batches stay single with a timeout) ran over the timeout. */
    private void timedOut(Batch batch) {
        List<RemoteTask> late = new ArrayList<>();
        List<Batch> sends;
        synchronized (lock) {
            if (!batch.slot.batches.remove(batch)) {
                return;
            }
            for (RemoteTask task : batch.tasks) {
                if (task.batch == batch) {
                    task.batch = null;
                    batch.slot.tasks--;
                    late.add(task);
                }
            }
            sends = dispatchLocked();
        }
        if (batch.remote != null) {
            batch.remote.cancel(true);
        }
        send(sends);
        for (RemoteTask task : late) {
            task.future.failFromMember(new TaskTimeoutException(task.label + " ran longer than "
                    + settings.taskTimeout().toMillis() + " ms on " + batch.slot.label + "; its thread there was interrupted"));
        }
    }

    /** Called by a task's future when it was cancelled: the batch is stopped when none of its tasks is wanted. */
    void cancelled(RemoteTask task, boolean interrupt) {
        Future<BatchOutcome> stop = null;
        List<Batch> sends;
        synchronized (lock) {
            Batch batch = task.batch;
            if (batch != null) {
                task.batch = null;
                batch.slot.tasks--;
                if (batch.tasks.stream().noneMatch(t -> t.batch == batch)) {
                    batch.slot.batches.remove(batch);
                    if (batch.timeout != null) {
                        batch.timeout.cancel(false);
                    }
                    stop = batch.remote;
                }
            } else {
                pending.remove(task);
            }
            sends = dispatchLocked();
        }
        if (stop != null) {
            stop.cancel(interrupt);
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
                for (Batch batch : slot.batches) {
                    batch.tasks.stream().filter(t -> t.batch == batch).forEach(sent::add);
                }
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
            int sent = members.values().stream().mapToInt(s -> s.tasks).sum();
            return poolName + ", members=" + members.size() + ", pending=" + pending.size() + ", sent=" + sent
                    + (state != State.OPEN ? ", " + state.name().toLowerCase().replace('_', ' ') : "");
        }
    }

    private void checkTerminationLocked() {
        if (state != State.SHUT_DOWN || !pending.isEmpty()) {
            return;
        }
        for (MemberSlot slot : members.values()) {
            if (slot.tasks > 0) {
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
