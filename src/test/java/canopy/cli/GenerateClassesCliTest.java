package canopy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyClasses;
import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.Rational;
import canopy.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code generate} for issue 10's classes: the kinds, their options, and nonsense refused in one line. */
class GenerateClassesCliTest {
    @TempDir
    Path tmp;

    private Topology generate(String... args) throws Exception {
        Path f = tmp.resolve("t.json");
        List<String> all = new ArrayList<>(List.of("generate"));
        all.addAll(List.of(args));
        all.addAll(List.of("-o", f.toString()));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertEquals(0, r.exit, r.toString());
        assertTrue(r.out.startsWith("wrote " + f + ": "), r.out);
        assertEquals("", r.err);
        return TopologyJson.read(f);
    }

    @Test
    void kindsAndOptionsCallTheGenerators() throws Exception {
        Rational r25 = Rational.of(25);
        assertEquals(TopologyClasses.fatTree3Tier(), generate("fat-tree-3tier"));
        assertEquals(TopologyClasses.fatTree3Tier(6, Rational.of(50), r25),
                generate("fat-tree-3tier", "--k", "6", "--host-bandwidth", "50", "--uplink-bandwidth", "25"));
        assertEquals(TopologyClasses.dragonfly(), generate("dragonfly"));
        // --routers-per-group alone: the balanced dragonfly of the largest size
        assertEquals(TopologyClasses.dragonfly(17, 4, 2, 4, r25, r25, r25),
                generate("dragonfly", "--global-links-per-router", "4"));
        assertEquals(TopologyClasses.dragonfly(8, 8, 4, 4, r25, Rational.of(50), Rational.of(100)),
                generate("dragonfly", "--groups", "8", "--routers-per-group", "8", "--local-bandwidth", "50",
                        "--global-bandwidth", "100"));
        assertEquals(TopologyClasses.torus3d(2, 3, 4, Rational.of(10)),
                generate("torus", "--rows", "2", "--cols", "3", "--depth", "4", "--bandwidth", "10"));
        assertEquals(TopologyGenerators.torus(), generate("torus", "--depth", "1"));
        assertEquals(TopologyClasses.randomRegular(), generate("random-regular"));
        assertEquals(TopologyClasses.randomRegular(20, 3, 5, TopologyGenerators.DEFAULT_DIRECT_BW),
                generate("random-regular", "--accelerators", "20", "--degree", "3", "--seed", "5"));
        assertEquals(TopologyClasses.leafSpine(), generate("leaf-spine"));
        assertEquals(TopologyClasses.leafSpine(6, new int[] {4, 2}, 2, new Rational[] {r25, Rational.of(50)},
                        new Rational[] {Rational.ONE, Rational.of(2), Rational.of(3, 2)}),
                generate("leaf-spine", "--leaves", "6", "--hosts-per-leaf", "4,2", "--spines", "2",
                        "--host-bandwidth", "25,50", "--oversubscription", "1,2,3/2"));
        assertEquals(TopologyClasses.pcieServers(), generate("pcie-server"));
        assertEquals(TopologyClasses.pcieServers(3, 4, 2, 2, true, 2, Rational.of(32), Rational.of(50)),
                generate("pcie-server", "--servers", "3", "--gpus-per-server", "4", "--nics-per-server", "2",
                        "--pcie-switches", "2", "--nvlink", "--rails", "2", "--pcie-bandwidth", "32",
                        "--nic-bandwidth", "50"));
        assertEquals(TopologyGenerators.dgxA100(2, 2, true), generate("dgx-a100", "--nic-nodes"));
        assertEquals(TopologyGenerators.dgxH100(1, 4, true), generate("dgx-h100", "--boxes", "1", "--rails", "4",
                "--nic-nodes"));
        assertEquals(TopologyGenerators.mi250(2, 2, true), generate("mi250", "--nic-nodes"));
        assertEquals(TopologyGenerators.dgxH100Pod(3, 2, 2, Rational.ONE, true),
                generate("dgx-h100-pod", "--boxes", "3", "--boxes-per-leaf", "2", "--spines", "2", "--nic-nodes"));
        assertEquals(TopologyGenerators.dgxA100Pod(3, 16, 8, Rational.of(2), true),
                generate("dgx-a100-pod", "--boxes", "3", "--oversubscription", "2", "--nic-nodes"));
    }

    @Test
    void nonsenseIsRefusedInOneLine() {
        refused("links; the generators' limit is", "fat-tree", "--spines", "30000000");
        refused("links; the generators' limit is", "leaf-spine", "--spines", "30000000");
        refused("links; the generators' limit is", "dgx-h100-pod", "--spines", "30000000");
        refused("--k must be an even number", "fat-tree-3tier", "--k", "7");
        refused("limit is 65536 (k = 64)", "fat-tree-3tier", "--k", "66");
        refused("--k", "fat-tree-3tier", "--k", "3000000000");
        refused("accelerators; the generators' limit is 65536", "dragonfly", "--routers-per-group", "30000000");
        refused("at least two global links", "dragonfly", "--groups", "5", "--routers-per-group", "1",
                "--global-links-per-router", "1");
        refused("--depth", "torus", "--depth", "0");
        refused("limit is 65536", "torus", "--rows", "100", "--cols", "100", "--depth", "100");
        refused("must be even", "random-regular", "--accelerators", "7", "--degree", "3");
        refused("below the number of accelerators", "random-regular", "--degree", "64");
        refused("limit is 2097152", "random-regular", "--accelerators", "65536", "--degree", "1000");
        refused("--hosts-per-leaf", "leaf-spine", "--hosts-per-leaf", "0");
        refused("--oversubscription", "leaf-spine", "--oversubscription", "1,1/2");
        refused("--host-bandwidth", "leaf-spine", "--host-bandwidth", "25,0");
        refused("10^30", "fat-tree-3tier", "--host-bandwidth", "1e31");
        refused("--host-bandwidth takes one value", "fat-tree", "--host-bandwidth", "25,50");
        refused("--oversubscription takes one value", "dgx-a100-pod", "--oversubscription", "1,2");
        refused("PCIe switches per server (9)", "pcie-server", "--pcie-switches", "9");
        refused("rails (5)", "pcie-server", "--rails", "5");
        refused("limit is 65536", "pcie-server", "--servers", "10000");
        refused("--rails must be at most 8", "dgx-a100", "--rails", "9");
        refused("limit is 65536", "mi250", "--boxes", "5000");
        refused("--nic-nodes does not apply to ring", "ring", "--nic-nodes");
        refused("--nvlink does not apply to torus", "torus", "--nvlink");
        refused("--depth does not apply to mesh", "mesh", "--depth", "2");
        refused("--seed does not apply", "dragonfly", "--seed", "2");
    }

    /** generate ARGS -o FILE exits 2 with one line on stderr that contains {@code message}, and writes nothing. */
    private void refused(String message, String... args) {
        Path out = tmp.resolve("x.json");
        List<String> all = new ArrayList<>(List.of("generate"));
        all.addAll(List.of(args));
        all.addAll(List.of("-o", out.toString()));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        String what = String.join(" ", args) + "\n" + r;
        assertEquals(2, r.exit, what);
        assertTrue(r.err.contains(message), what);
        assertEquals(1, r.err.strip().lines().count(), what);
        assertEquals("", r.out, what);
        assertFalse(Files.exists(out), what);
    }
}
