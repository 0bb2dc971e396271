package io.paralab.shared;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * One named, memory-mapped file in the {@link SharedDirectory}: a 128-byte header (magic, type, layout
 * version, payload size, creator pid, two type parameters, whether it is kept after its creator exits, the
 * creator's start time) and the payload. A region is published complete: the creator fills a private
 * temporary file and then hard-links it under its name, which also detects a name clash atomically. The
 * creator deletes the file on {@link #close()}, or when it exits without closing it (see {@link Leftovers}).
 */
final class Region implements AutoCloseable {

    /** Atomic access to the longs of a mapped buffer; offsets are in bytes and must be 8-aligned. */
    static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Where the payload starts: two cache lines after the start of the page-aligned mapping. */
    static final int PAYLOAD = 128;

    private static final long MAGIC = 0x50_41_52_41_4C_41_42_31L;   // "PARALAB1"
    private static final int LAYOUT_VERSION = 1;
    private static final int TYPE_OFFSET = 8;
    private static final int VERSION_OFFSET = 12;
    private static final int SIZE_OFFSET = 16;
    private static final int PID_OFFSET = 24;
    private static final int PARAM1_OFFSET = 32;
    private static final int PARAM2_OFFSET = 40;
    private static final int KEPT_OFFSET = 48;
    private static final int START_OFFSET = 56;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - PAYLOAD;

    /** The kinds of region; the ordinal + 1 is stored in the header. */
    enum Type {
        SHARED_LONG("SharedLong"), SHARED_LONG_ARRAY("SharedLongArray"), SHARED_LOCK("SharedLock"),
        SHARED_QUEUE("SharedQueue"), SHARED_BYTE_QUEUE("SharedByteQueue");

        private final String className;

        Type(String className) {
            this.className = className;
        }

        /** The name of the type stored in a region header as {@code ordinal() + 1}, or a note for an unknown one. */
        static String nameOf(int stored) {
            Type[] types = values();
            return stored >= 1 && stored <= types.length ? types[stored - 1].className
                    : "region of unknown type " + stored;
        }
    }

    /** Fills a freshly created payload before the region is published. */
    @FunctionalInterface
    interface Initializer {
        void initialize(MappedByteBuffer buffer);
    }

    private final String name;
    private final Path path;
    private final MappedByteBuffer buffer;
    /** Whether this process created the region (and so removes it) or opened one some process created. */
    private enum Origin { CREATED_HERE, OPENED }

    private final boolean creator;
    private volatile boolean closed;

    private Region(String name, Path path, MappedByteBuffer buffer, Origin origin) {
        this.name = name;
        this.path = path;
        this.buffer = buffer;
        this.creator = origin == Origin.CREATED_HERE;
    }

    /**
     * Creates and publishes a region.
     *
     * @param payloadBytes the payload size, a multiple of 8
     */
    static Region create(String name, Type type, long payloadBytes, long param1, long param2, Initializer init) {
        checkName(name);
        if (payloadBytes < 8 || payloadBytes > MAX_PAYLOAD) {
            throw new IllegalArgumentException("shared region '" + name + "' would need " + payloadBytes
                    + " bytes of payload; the limit is " + MAX_PAYLOAD);
        }
        Path dir = SharedDirectory.path();
        Leftovers.sweepOnce(dir);
        Path path = dir.resolve(name);
        if (Files.exists(path) && !Leftovers.removeIfAbandoned(path)) {
            throw clash(name, path);
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(dir, "." + name + ".", ".init",
                    PosixFilePermissions.asFileAttribute(SharedDirectory.OWNER_ONLY_FILE));
            MappedByteBuffer buffer;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = PAYLOAD + payloadBytes;
                allocate(channel, size);
                buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            }
            buffer.order(ByteOrder.nativeOrder());
            init.initialize(buffer);
            buffer.putInt(TYPE_OFFSET, type.ordinal() + 1);
            buffer.putInt(VERSION_OFFSET, LAYOUT_VERSION);
            buffer.putLong(SIZE_OFFSET, payloadBytes);
            buffer.putLong(PID_OFFSET, ProcessHandle.current().pid());
            buffer.putLong(PARAM1_OFFSET, param1);
            buffer.putLong(PARAM2_OFFSET, param2);
            buffer.putLong(START_OFFSET, startMillis(ProcessHandle.current()));
            LONGS.setRelease(buffer, 0, MAGIC);
            try {
                Files.createLink(path, temporary);
            } catch (FileAlreadyExistsException e) {
                if (!Leftovers.removeIfAbandoned(path)) {
                    throw clash(name, path);
                }
                try {
                    Files.createLink(path, temporary);
                } catch (FileAlreadyExistsException again) {
                    throw clash(name, path);
                }
            }
            Region region = new Region(name, path, buffer, Origin.CREATED_HERE);
            Leftovers.removeAtExit(region);
            return region;
        } catch (IOException e) {
            throw new SharedMemoryException(SharedMemoryException.Reason.IO_ERROR,
                    "cannot create shared region '" + name + "' in " + dir + ": " + describe(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the name is published or the creation failed; a stray temporary file is harmless
                }
            }
        }
    }

    /** Opens a region some process created, checking its header against {@code type}. */
    static Region open(String name, Type type) {
        checkName(name);
        Path dir = SharedDirectory.path();
        Leftovers.sweepOnce(dir);
        Path path = dir.resolve(name);
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < PAYLOAD + 8) {
                throw mismatch(name, path, "it is " + size + " bytes long, shorter than any ParaLab region");
            }
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, Math.min(size, PAYLOAD + MAX_PAYLOAD));
        } catch (NoSuchFileException e) {
            throw new SharedMemoryException(SharedMemoryException.Reason.NOT_FOUND,
                    "no shared region '" + name + "' in " + dir
                            + ": it was never created, or its creator closed it already");
        } catch (IOException e) {
            throw new SharedMemoryException(SharedMemoryException.Reason.IO_ERROR,
                    "cannot open shared region '" + name + "' in " + dir + ": " + describe(e), e);
        }
        buffer.order(ByteOrder.nativeOrder());
        if ((long) LONGS.getAcquire(buffer, 0) != MAGIC) {
            throw mismatch(name, path, "it is not a ParaLab shared region");
        }
        int storedType = buffer.getInt(TYPE_OFFSET);
        if (storedType != type.ordinal() + 1) {
            throw mismatch(name, path, "it is a " + Type.nameOf(storedType) + ", not a " + Type.nameOf(type.ordinal() + 1));
        }
        if (buffer.getInt(VERSION_OFFSET) != LAYOUT_VERSION) {
            throw mismatch(name, path, "its layout version is " + buffer.getInt(VERSION_OFFSET)
                    + ", this library reads version " + LAYOUT_VERSION);
        }
        if (buffer.getLong(SIZE_OFFSET) != buffer.capacity() - PAYLOAD) {
            throw mismatch(name, path, "its header gives " + buffer.getLong(SIZE_OFFSET)
                    + " payload bytes but the file holds " + (buffer.capacity() - PAYLOAD));
        }
        return new Region(name, path, buffer, Origin.OPENED);
    }

    String name() {
        return name;
    }

    Path path() {
        return path;
    }

    MappedByteBuffer buffer() {
        return buffer;
    }

    long param1() {
        return buffer.getLong(PARAM1_OFFSET);
    }

    long param2() {
        return buffer.getLong(PARAM2_OFFSET);
    }

    long creatorPid() {
        return buffer.getLong(PID_OFFSET);
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Keeps the region after this process exits without closing it (it is removed at exit otherwise); only
     * its creator may ask. {@link #close()} still removes it.
     */
    void keepAfterExit() {
        checkOpen();
        if (!creator) {
            throw new IllegalStateException("shared region '" + name + "' was created by pid " + creatorPid()
                    + "; only its creator can keep it after it exits");
        }
        buffer.putInt(KEPT_OFFSET, 1);
        Leftovers.forget(this);
    }

    /** Deletes the file without failing: for the exit hook of a creator that did not close it. */
    void removeFile() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // exiting: nothing to report to
        }
    }

    /** Throws when closed; call before using the buffer. */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("shared region '" + name + "' is closed");
        }
    }

    /**
     * Marks the region closed; the creator also deletes its file, so the name is free again. Processes that
     * have it open keep their mapping until they close it. The mapping itself is released by the garbage
     * collector. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (creator) {
            Leftovers.forget(this);
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new SharedMemoryException(SharedMemoryException.Reason.IO_ERROR,
                        "cannot delete shared region '" + name + "' (" + path + "): " + describe(e), e);
            }
        }
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SharedMemoryException(SharedMemoryException.Reason.BAD_NAME,
                    "bad shared region name " + (name == null ? "null" : "'" + name + "'")
                            + ": use 1 to 100 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }
    }

    /** Writes zeros over the whole file, so a full disk fails here rather than as a fault on first touch. */
    private static void allocate(FileChannel channel, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(size, 1 << 16));
        long position = 0;
        while (position < size) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - position));
            position += channel.write(zeros, position);
        }
    }

    private static SharedMemoryException clash(String name, Path path) {
        Header header = Header.read(path);
        String creator = header == null ? "" : " (a " + Type.nameOf(header.type()) + " created by pid " + header.pid()
                + (header.creatorRunning() ? ", still running"
                : header.kept() ? ", which kept it after it ended: open it, or delete the file to reuse the name"
                : ", which is no longer running: delete the file to reuse the name") + ")";
        return new SharedMemoryException(SharedMemoryException.Reason.ALREADY_EXISTS,
                "shared region '" + name + "' exists already: " + path + creator);
    }

    /** When {@code process} started, in milliseconds since the epoch; 0 when the system does not say. */
    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /**
     * What a region file's header says about its creator.
     *
     * @param startMillis when the creator started (0: not recorded), to tell it from a later process with its pid
     * @param kept        whether it is to stay after its creator exits
     */
    record Header(int type, long pid, long startMillis, boolean kept) {

        /** The header of the region file at {@code path}; null when it is no ParaLab region or cannot be read. */
        static Header read(Path path) {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(PAYLOAD).order(ByteOrder.nativeOrder());
                channel.read(header, 0);
                if (header.getLong(0) != MAGIC) {
                    return null;
                }
                return new Header(header.getInt(TYPE_OFFSET), header.getLong(PID_OFFSET), header.getLong(START_OFFSET),
                        header.getInt(KEPT_OFFSET) != 0);
            } catch (IOException e) {
                return null;
            }
        }

        /** Whether the process that created the region still runs. */
        boolean creatorRunning() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> startMillis == 0 || Region.startMillis(p) == 0 || Region.startMillis(p) == startMillis)
                    .orElse(false);
        }
    }

    private static SharedMemoryException mismatch(String name, Path path, String why) {
        return new SharedMemoryException(SharedMemoryException.Reason.TYPE_MISMATCH,
                "shared region '" + name + "' (" + path + ") cannot be opened as asked: " + why);
    }


    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
