package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Collective;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Schedules of the size the engine writes for a thousand accelerators read back. */
class LargeScheduleTest {
    @TempDir
    Path dir;

    /**
     * Shaped like the engine's allgather on 128x DGX A100: 1,024 accelerators in boxes of 8, trees of
     * 1,023 edges, each edge through the box's NVSwitch or a rail switch. 850 trees make 71 MB, past the
     * 64 MiB that topology files are held to.
     */
    private static Schedule dgxLike(int trees) {
        int n = 1024;
        String[] gpu = new String[n];
        for (int i = 0; i < n; i++) {
            gpu[i] = "b" + (i / 8) + "g" + (i % 8);
        }
        List<ScheduleTree> all = new ArrayList<>();
        for (int r = 0; r < trees; r++) {
            List<TreeEdge> edges = new ArrayList<>(n - 1);
            for (int k = 0; k < n - 1; k++) {
                int from = (r + k) % n;
                int to = (r + k + 1) % n;
                String via = from / 8 == to / 8 ? "nvs" + (from / 8) : "rail" + (from % 2);
                edges.add(new TreeEdge(gpu[from], gpu[to], List.of(gpu[from], via, gpu[to])));
            }
            all.add(new ScheduleTree(gpu[r], Phase.ALLGATHER, 0, Phase.ALLGATHER.direction(), Rational.ONE, edges));
        }
        return new Schedule(Collective.ALLGATHER, "forest", "128x DGX A100 (1024 GPUs, 2 rails)", n,
                Rational.of(25600, 127), Rational.of(25600, 127), List.of(gpu[0], gpu[1]), all);
    }

    @Test
    void scheduleLargerThan64MiBRoundTrips() throws Exception {
        Schedule s = dgxLike(850);
        Path f = dir.resolve("big.schedule.json");
        ScheduleJson.write(s, f);
        assertTrue(Files.size(f) > 64L * 1024 * 1024, "only " + Files.size(f) + " bytes");
        assertEquals(s, ScheduleJson.read(f));
    }

    @Test
    void refusesFilesOverTheScheduleLimit() throws Exception {
        Path big = dir.resolve("big.schedule.json");
        try (FileChannel ch = FileChannel.open(big, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {' '}), ScheduleJson.MAX_BYTES); // sparse file, one byte too many
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScheduleJson.read(big));
        assertTrue(e.getMessage().contains("larger than 512 MiB"), e.getMessage());
        assertTrue(e.getMessage().contains("big.schedule.json"), e.getMessage());
    }

    @Test
    void refusesAStreamThatGoesPastTheLimit() {
        byte[] tooMany = new byte[100];
        SizeLimitedInput in = new SizeLimitedInput(new java.io.ByteArrayInputStream(tooMany), 99);
        assertThrows(SizeLimitedInput.TooLarge.class, () -> in.readAllBytes());
    }
}
