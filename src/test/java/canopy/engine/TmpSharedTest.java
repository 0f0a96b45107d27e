package canopy.engine;

import canopy.model.*;
import org.junit.jupiter.api.Test;
import java.nio.file.*;

class TmpSharedTest {
    @Test
    void shared() throws Exception {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("../shared/topologies"), "*.json")) {
            for (Path p : ds) {
                if (p.getFileName().toString().equals("expected.json")) continue;
                Topology t = TmpReader.read(p);
                for (Collective c : Collective.values()) {
                    long t0 = System.nanoTime();
                    ForestScheduler fs = new ForestScheduler();
                    Schedule s = fs.schedule(t, c);
                    System.out.printf("%s %s algbw %s trees %d k %d flows %d %.1f ms%n", p.getFileName(), c, s.algbw(), s.trees().size(), fs.stats().treesPerRoot(), fs.stats().flowQueries(), (System.nanoTime()-t0)/1e6);
                }
            }
        }
    }
}
