package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11: an interrupted write leaves no hidden temporary file, and never replaces a device. */
class AtomicFilesInterruptTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theShutdownHookDeletesTheTemporaryFileOfAWriteUnderWay() throws Exception {
        Path target = tmp.resolve("out.json");
        Files.writeString(target, "old");
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                AtomicFiles.write(target, out -> {
                    out.write(new byte[1 << 20]);
                    out.flush();
                    writing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("stopped");
                });
            } catch (IOException e) {
                // expected
            }
        });
        t.start();
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        assertEquals(2, names().size(), names().toString()); // out.json and its hidden .tmp
        AtomicFiles.deletePending(); // what SIGTERM / SIGINT run, through the shutdown hook
        assertEquals(List.of("out.json"), names());
        release.countDown();
        t.join(10_000);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.json"), names());
    }

    @Test
    void neverRenamesOverADirectoryOrADevice() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("d"));
        assertThrows(IOException.class, () -> AtomicFiles.writeString(dir, "x"));
        assertTrue(Files.isDirectory(dir));
        // a FIFO of our own stands for a device: never replace a real one in a test
        Path fifo = tmp.resolve("fifo");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            assertThrows(IOException.class, () -> AtomicFiles.writeString(fifo, "x"));
            assertFalse(Files.isRegularFile(fifo));
            assertEquals(List.of("d", "fifo"), names());
        } else {
            assertEquals(List.of("d"), names());
        }
    }
}
