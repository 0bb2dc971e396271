package io.paralab.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One frame on the channel between the parent and a child JVM. Each frame is a type byte followed by
 * the record's fields; both ends run the same code, so no version field is needed.
 */
sealed interface Message {

    /** Parent to child: the serialized function that later {@link RunTask}s refer to by id. */
    record DefineFunction(int functionId, byte[] bytes) implements Message {}

    /** Parent to child: no more tasks use this function; drop it. */
    record ForgetFunction(int functionId) implements Message {}

    /** Parent to child: run a function on encoded arguments (see {@link TaskMode}). */
    record RunTask(int taskId, int functionId, TaskMode mode, byte[] arguments) implements Message {}

    /** Child to parent: a task began on one of the worker's threads. */
    record TaskStarted(int taskId, long startNanos) implements Message {}

    /** Child to parent: a task returned; {@code value} is encoded by {@link ValueCodec}. */
    record TaskDone(int taskId, int thread, long startNanos, long endNanos, byte[] value) implements Message {}

    /** Child to parent: a task threw; {@code throwable} is encoded by {@link ValueCodec#encodeThrowable}. */
    record TaskFailed(int taskId, int thread, long startNanos, long endNanos, byte[] throwable) implements Message {}

    /** Child to parent: send the bytes of a class the child cannot find. */
    record ClassRequest(int requestId, String className) implements Message {}

    /** Parent to child: the class bytes, or why there are none. */
    record ClassResponse(int requestId, byte[] bytes, String error) implements Message {}

    /**
     * Parent to child: values of notebook cell variables that the tasks sent after this frame read (see
     * {@link CellValues}); the child sets them before it runs those tasks.
     */
    record CellVariables(byte[] entries) implements Message {}

    /** Either way: one object sent through a {@link Pipe}. */
    record PipeMessage(byte[] payload) implements Message {}

    /** Child to parent, first frame: the worker is set up and takes tasks. */
    record Ready() implements Message {}

    /** Child to parent: bytes the child's code printed to {@code System.out}, from a task (0: from no task). */
    record Output(int taskId, byte[] bytes) implements Message {}

    /** Child to parent, from a shutdown hook or on a fatal error: the tasks that caused it (none: not known). */
    record Dying(int[] culprits, String reason) implements Message {}

    /** Writes one frame. An if-chain, not a pattern switch: its bootstrap would slow every child's start. */
    static void write(Message message, DataOutputStream out) throws IOException {
        if (message instanceof RunTask m) {
            out.writeByte(3);
            out.writeInt(m.taskId());
            out.writeInt(m.functionId());
            out.writeByte(m.mode().ordinal());
            writeBytes(out, m.arguments());
        } else if (message instanceof TaskStarted m) {
            out.writeByte(4);
            out.writeInt(m.taskId());
            out.writeLong(m.startNanos());
        } else if (message instanceof TaskDone m) {
            out.writeByte(5);
            out.writeInt(m.taskId());
            out.writeInt(m.thread());
            out.writeLong(m.startNanos());
            out.writeLong(m.endNanos());
            writeBytes(out, m.value());
        } else if (message instanceof TaskFailed m) {
            out.writeByte(6);
            out.writeInt(m.taskId());
            out.writeInt(m.thread());
            out.writeLong(m.startNanos());
            out.writeLong(m.endNanos());
            writeBytes(out, m.throwable());
        } else if (message instanceof DefineFunction m) {
            out.writeByte(1);
            out.writeInt(m.functionId());
            writeBytes(out, m.bytes());
        } else if (message instanceof ForgetFunction m) {
            out.writeByte(2);
            out.writeInt(m.functionId());
        } else if (message instanceof ClassRequest m) {
            out.writeByte(7);
            out.writeInt(m.requestId());
            out.writeUTF(m.className());
        } else if (message instanceof ClassResponse m) {
            out.writeByte(8);
            out.writeInt(m.requestId());
            writeBytes(out, m.bytes());
            writeString(out, m.error());
        } else if (message instanceof CellVariables m) {
            out.writeByte(13);
            writeBytes(out, m.entries());
        } else if (message instanceof PipeMessage m) {
            out.writeByte(9);
            writeBytes(out, m.payload());
        } else if (message instanceof Dying m) {
            out.writeByte(10);
            out.writeInt(m.culprits().length);
            for (int id : m.culprits()) {
                out.writeInt(id);
            }
            writeString(out, m.reason());
        } else if (message instanceof Ready) {
            out.writeByte(11);
        } else if (message instanceof Output m) {
            out.writeByte(12);
            out.writeInt(m.taskId());
            writeBytes(out, m.bytes());
        } else {
            throw new IllegalArgumentException("unknown message " + message.getClass());
        }
    }

    /** Reads one frame; throws {@link java.io.EOFException} when the other end closed the channel. */
    static Message read(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        return switch (type) {
            case 1 -> new DefineFunction(in.readInt(), readBytes(in));
            case 2 -> new ForgetFunction(in.readInt());
            case 3 -> new RunTask(in.readInt(), in.readInt(), TaskMode.of(in.readByte()), readBytes(in));
            case 4 -> new TaskStarted(in.readInt(), in.readLong());
            case 5 -> new TaskDone(in.readInt(), in.readInt(), in.readLong(), in.readLong(), readBytes(in));
            case 6 -> new TaskFailed(in.readInt(), in.readInt(), in.readLong(), in.readLong(), readBytes(in));
            case 7 -> new ClassRequest(in.readInt(), in.readUTF());
            case 8 -> new ClassResponse(in.readInt(), readBytes(in), readString(in));
            case 9 -> new PipeMessage(readBytes(in));
            case 10 -> {
                int[] running = new int[in.readInt()];
                for (int i = 0; i < running.length; i++) {
                    running[i] = in.readInt();
                }
                yield new Dying(running, readString(in));
            }
            case 11 -> new Ready();
            case 12 -> new Output(in.readInt(), readBytes(in));
            case 13 -> new CellVariables(readBytes(in));
            default -> throw new IOException("corrupt channel: unknown frame type " + type);
        };
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s.length() > 16_000 ? s.substring(0, 16_000) : s);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
