package canopy.cli;

import canopy.generate.TopologyClasses;
import canopy.generate.TopologyGenerators;
import canopy.io.InvalidInputException;
import canopy.io.NcclTopologyImporter;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The topologies of {@code bench --scale}: each class of issue 10 at about N accelerators (not above N
 * where the class cannot hit N exactly), built only when its row runs.
 */
final class ScaleBench {
    private ScaleBench() {
    }

    /** The class names, in row order ({@code --only} takes them). */
    static final List<String> CLASSES = List.of("fat-tree-3tier", "dragonfly", "torus3d", "random-regular",
            "leaf-spine", "pcie-server", "dgx-a100-nic", "dgx-h100-pod-nic", "mi250-nic", "nccl-xml");

    /** The NCCL topology file of one DGX A100 (the tests' copy), bundled so the jar runs the row anywhere. */
    static final String NCCL_RESOURCE = "/canopy/bench/nccl-dgx-a100.xml";

    /** One row to run: a short label for the table and the topology, built on demand. */
    record Case(String className, String label, Supplier<Topology> topology) {
    }

    /** Every class of {@code only} (null: all) at each size, sizes first. */
    static List<Case> cases(List<Integer> sizes, List<String> only) {
        List<Case> out = new ArrayList<>();
        for (int n : sizes) {
            for (String c : CLASSES) {
                if (only == null || only.contains(c)) {
                    out.add(at(c, n));
                }
            }
        }
        return out;
    }

    /** Class c at about n accelerators. */
    static Case at(String c, int n) {
        Rational r25 = Rational.of(25);
        switch (c) {
            case "fat-tree-3tier": {
                int k = 2;
                while ((long) (k + 2) * (k + 2) * (k + 2) / 4 <= n) {
                    k += 2;
                }
                int kk = k;
                return new Case(c, "3-tier fat tree, k=" + k,
                        () -> TopologyClasses.fatTree3Tier(kk, r25, r25));
            }
            case "dragonfly": {
                // the smallest balanced router (a = 2p = 2h) whose largest dragonfly holds n
                int a = 4;
                while ((long) n / ((long) a * a / 2) > (long) a * a / 2 + 1) {
                    a *= 2;
                }
                int p = a / 2;
                int g = Math.max(1, n / (a * p));
                int aa = a;
                return new Case(c, "dragonfly " + g + "g x " + a + "r x " + p + "p, h=" + p,
                        () -> TopologyClasses.dragonfly(g, aa, p, p, r25, r25, r25));
            }
            case "torus3d": {
                int[] d = cube(n);
                return new Case(c, "3D torus " + d[0] + "x" + d[1] + "x" + d[2],
                        () -> TopologyClasses.torus3d(d[0], d[1], d[2], TopologyGenerators.DEFAULT_DIRECT_BW));
            }
            case "random-regular":
                return new Case(c, "random 4-regular, " + n + ", seed 1",
                        () -> TopologyClasses.randomRegular(n, 4, 1, TopologyGenerators.DEFAULT_DIRECT_BW));
            case "leaf-spine": {
                int leaves = Math.max(2, n / 32 * 2);
                return new Case(c, "leaf-spine " + leaves + " leaves 12/20, 25/50",
                        () -> TopologyClasses.leafSpine(leaves, new int[] {12, 20}, 8,
                                new Rational[] {r25, Rational.of(50)},
                                new Rational[] {Rational.ONE, Rational.of(2), Rational.of(3, 2)}));
            }
            case "pcie-server": {
                int servers = Math.max(1, n / 8);
                return new Case(c, servers + "x PCIe server (8 GPUs, 4 NICs)",
                        () -> TopologyClasses.pcieServers(servers, 8, 4, TopologyClasses.PCIE_SWITCHES, false, 1,
                                TopologyGenerators.PCIE_GEN4_X16, r25));
            }
            case "dgx-a100-nic": {
                int boxes = Math.max(1, n / 8);
                return new Case(c, boxes + "x DGX A100, NIC nodes",
                        () -> TopologyGenerators.dgxA100(boxes, 2, true));
            }
            case "dgx-h100-pod-nic": {
                int boxes = Math.max(1, n / 8);
                return new Case(c, boxes + "x DGX H100 pod, NIC nodes",
                        () -> TopologyGenerators.dgxH100Pod(boxes, TopologyGenerators.POD_BOXES_PER_LEAF,
                                TopologyGenerators.POD_SPINES, Rational.ONE, true));
            }
            case "mi250-nic": {
                int boxes = Math.max(1, n / 16);
                return new Case(c, boxes + "x MI250, NIC nodes", () -> TopologyGenerators.mi250(boxes, 2, true));
            }
            case "nccl-xml": {
                int nodes = Math.max(1, n / 8);
                return new Case(c, "nccl-xml dgx-a100.xml --nodes " + nodes, () -> ncclDgxA100(nodes));
            }
            default:
                throw new IllegalArgumentException("unknown class " + c);
        }
    }

    /** {@code import nccl-xml dgx-a100.xml --nodes N}, from the bundled copy of the file. */
    static Topology ncclDgxA100(int nodes) {
        try (InputStream in = ScaleBench.class.getResourceAsStream(NCCL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + NCCL_RESOURCE);
            }
            return NcclTopologyImporter.parse(in.readAllBytes(), "dgx-a100.xml", nodes).topology();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("bundled " + NCCL_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Three sides whose product is n or a little below: powers of two split evenly (256: 8x8x4). */
    static int[] cube(int n) {
        if (Integer.bitCount(n) == 1) {
            int m = Integer.numberOfTrailingZeros(n);
            int a = (m + 2) / 3;
            int b = (m + 1) / 3;
            int c = m / 3;
            return new int[] {1 << a, 1 << b, 1 << c};
        }
        int c = Math.max(1, (int) Math.floor(Math.cbrt(n)));
        int b = Math.max(1, (int) Math.floor(Math.sqrt((double) n / c)));
        int a = Math.max(1, n / (b * c));
        return new int[] {a, b, c};
    }
}
