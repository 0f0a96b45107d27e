package canopy.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files so that a reader sees either the old content or the new, never half of it. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes text as UTF-8 to a temporary file beside target, forces it to disk, and moves it over
     * target atomically (or, where the file system cannot, with a plain replacing move). Creates
     * missing parent directories. The temporary file never outlives the call.
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes the same way as {@link #writeString}: a temporary file beside target, then a move. */
    public static void write(Path target, byte[] data) throws IOException {
        write(target, out -> out.write(data));
    }

    /** What writes a file's content, as it goes, to the stream it is handed. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes what content writes the same way as {@link #writeString}, without holding it all in
     * memory first: a temporary file beside target, then a move. When content fails, target is left
     * as it was.
     */
    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null) {
            throw new IOException("cannot write " + target + ": no parent directory");
        }
        Files.createDirectories(dir);
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            // A rename would replace a device node, a FIFO or a socket with a regular file; a directory fails.
            throw new java.nio.file.FileSystemException(target.toString(), null, Files.isDirectory(abs)
                    ? "is a directory" : "is not a regular file (a device, FIFO or socket); refusing to replace it");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        PENDING.add(tmp);
        installHook();
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            keepPermissions(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            PENDING.remove(tmp);
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Temporary files being written now; a shutdown hook (SIGTERM, SIGINT, System.exit) deletes them. */
    private static final Set<Path> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private static synchronized void installHook() {
        if (hooked) {
            return;
        }
        hooked = true;
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deletePending, "canopy-temp-cleanup"));
        } catch (IllegalStateException e) {
            // Already shutting down: the caller's finally block deletes its file.
        }
    }

    /** Deletes the temporary files of writes still under way (what the shutdown hook runs). */
    static void deletePending() {
        for (Path p : PENDING) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Best effort on the way out.
            }
        }
    }

    /**
     * A temporary file is created readable by its owner only; give the new file the permissions of the
     * file it replaces, or rw-r--r-- for a new one, as a plain write would. Ignored where the file
     * system has no POSIX permissions.
     */
    private static void keepPermissions(Path target, Path tmp) {
        if (Files.getFileAttributeView(tmp, PosixFileAttributeView.class) == null) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (IOException | UnsupportedOperationException e) {
            // Keep the temporary file's permissions; the content is what matters.
        }
    }
}
