package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.ForestScheduler;
import canopy.io.ScheduleJson;
import canopy.io.TopologyJson;
import canopy.io.HardenedXml;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    static final String TOPO = "sample-topologies/two-boxes.json";

    @TempDir
    Path dir;
    Path schedule;

    @BeforeEach
    void forest() throws Exception {
        Topology t = TopologyJson.read(Path.of(TOPO));
        Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
        schedule = dir.resolve("forest.schedule.json");
        ScheduleJson.write(s, schedule);
    }

    @Test
    void everyFormatAndEveryView() throws Exception {
        for (String ext : List.of("png", "svg", "pdf")) {
            for (String view : List.of("topology", "congestion", "tree:box0-gpu0")) {
                Path out = dir.resolve(view.replace(':', '-') + "." + ext);
                CliRun r = CliRun.of("render", TOPO, "--schedule", schedule.toString(), "--view", view,
                        "--scale", "0.5", "-o", out.toString());
                assertEquals(0, r.exit, r.toString());
                assertTrue(r.out.contains("wrote " + out), r.toString());
                byte[] bytes = Files.readAllBytes(out);
                switch (ext) {
                    case "png" -> {
                        BufferedImage img = ImageIO.read(out.toFile());
                        assertEquals(800, img.getWidth());
                    }
                    case "svg" -> assertTrue(HardenedXml.parse(bytes, "svg").getElementsByTagName("text").getLength() > 8);
                    default -> assertTrue(new String(bytes, 0, 5).startsWith("%PDF-"));
                }
            }
        }
    }

    @Test
    void withoutScheduleDrawsTheTopologyInTheDarkTheme() throws Exception {
        Path out = dir.resolve("t.svg");
        CliRun r = CliRun.of("render", TOPO, "--theme", "dark", "-o", out.toString());
        assertEquals(0, r.exit, r.toString());
        assertTrue(Files.readString(out).contains("#1e2127"), "the dark background");
        assertTrue(r.out.contains("topology view"), r.out);
    }

    @Test
    void badInputExitsTwo() throws Exception {
        String s = schedule.toString();
        assertBad("unknown root", "render", TOPO, "--schedule", s, "--view", "tree:nope", "-o", dir.resolve("a.png").toString());
        assertBad("switch as root", "render", TOPO, "--schedule", s, "--view", "tree:spine", "-o", dir.resolve("a.png").toString());
        assertBad("extension", "render", TOPO, "-o", dir.resolve("a.gif").toString());
        assertBad("view", "render", TOPO, "--schedule", s, "--view", "sideways", "-o", dir.resolve("a.png").toString());
        assertBad("needs a schedule", "render", TOPO, "--view", "congestion", "-o", dir.resolve("a.png").toString());
        assertBad("theme", "render", TOPO, "--theme", "pink", "-o", dir.resolve("a.png").toString());
        assertBad("scale", "render", TOPO, "--scale", "0", "-o", dir.resolve("a.png").toString());
        // A schedule of another topology does not verify against this one.
        Topology other = TopologyJson.read(Path.of("sample-topologies/triangle.json"));
        Path wrong = dir.resolve("other.schedule.json");
        ScheduleJson.write(new ForestScheduler().schedule(other, Collective.ALLGATHER), wrong);
        assertBad("does not verify", "render", TOPO, "--schedule", wrong.toString(), "-o", dir.resolve("a.png").toString());
        assertTrue(!Files.exists(dir.resolve("a.png")));
    }

    private void assertBad(String what, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit, what + ": " + r);
        assertTrue(r.err.startsWith("canopy: "), r.toString());
    }
}
