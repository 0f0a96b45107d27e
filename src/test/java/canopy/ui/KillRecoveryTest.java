package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: kill -9 in the middle of saving a large topology. A real JVM ({@link DesignerUnderKill}) edits,
 * autosaves and saves in a loop; it is killed while its save's temporary file is being written. The file
 * on disk must still be the previous save, whole, and the next designer must offer the autosaved copy
 * holding the edit that was being saved.
 */
class KillRecoveryTest {
    @TempDir
    Path dir;

    private static Rational linkZero(Topology t) {
        return t.links().get(0).bandwidth();
    }

    private boolean saveInProgress(String name) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("." + name) && p.toString().endsWith(".tmp"));
        }
    }

    @Test
    void aKillDuringASaveLosesNeitherTheOldFileNorTheEdit() throws Exception {
        // a 120x120 torus: 14,400 nodes, 28,800 links, a save long enough to be caught mid-write
        Path file = dir.resolve("big.json");
        TopologyJson.write(TopologyGenerators.torus(120, 120, Rational.of(100)), file);
        assertTrue(Files.size(file) > 3_000_000, Files.size(file) + " bytes");
        Path recoveryDir = dir.resolve("recovery");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), DesignerUnderKill.class.getName(),
                file.toString(), recoveryDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int killedDuring = -1;
        List<String> seen = new ArrayList<>();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // the child was killed: its output ends
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (killedDuring < 0 && child.isAlive() && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                seen.add(line);
                if (!line.startsWith("saving ")) {
                    continue;
                }
                int i = Integer.parseInt(line.substring("saving ".length()));
                // wait for the save's temporary file, then kill before it is renamed over the file; a
                // save that ends before it is seen ("saved i" arrives) is let go for the next one
                while (child.isAlive() && lines.isEmpty() && System.nanoTime() < deadline) {
                    if (saveInProgress("big.json")) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
                        killedDuring = i;
                        break;
                    }
                    Thread.onSpinWait();
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(killedDuring > 0, "never caught a save in progress: " + seen);

        // the file is the previous save, whole (the first edit's save replaces the untouched original)
        Topology onDisk = TopologyJson.read(file);
        assertEquals(killedDuring == 1 ? Rational.of(100) : Rational.of(1000 + killedDuring - 1), linkZero(onDisk));

        // the next designer offers the autosaved copy, with the edit being saved, for this file
        StubDialogs dialogs = new StubDialogs();
        dialogs.restore = true;
        MainViewModel next = new MainViewModel(new MainViewModel.Services(Settings.inMemory(), dialogs,
                new DesignerUnderKill.NoDelayedWork(), new Recovery(recoveryDir), TextClipboard.inMemory(),
                LayoutActions.available(), Duration.ZERO));
        next.startup(MainViewModel.SAMPLES_DIR);
        assertTrue(dialogs.asked.get(dialogs.asked.size() - 1).contains("big.json"), dialogs.asked.toString());
        assertEquals(Rational.of(1000 + killedDuring), linkZero(next.document().topology()));
        assertEquals(file.toAbsolutePath(), next.document().file().toAbsolutePath());
        assertTrue(next.document().isDirty());
        // saving it now is whole too
        assertTrue(next.save());
        assertEquals(Rational.of(1000 + killedDuring), linkZero(TopologyJson.read(file)));
    }
}
