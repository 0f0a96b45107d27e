package canopy.generate;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Generators of realistic topologies (formats.md): every node has a position (boxes side by side with
 * their accelerators in a row and their switch above, fabric switches above all boxes), a label and,
 * inside a box, a {@code group}; every link has a {@code latency_us}. Sizes grow linearly: a generator
 * builds O(nodes + links) objects.
 *
 * <p>Every generated topology obeys the rules of formats.md: unique ids, no self-loops, at least two
 * accelerators, every accelerator reaches every other, and every switch balanced (all links touching a
 * switch are duplex, which keeps it balanced).
 *
 * <p>Default bandwidths are per direction, in GB/s (10^9 bytes/s), from vendor documents:
 * <ul>
 *   <li>{@link #A100_NVLINK} = 300: NVIDIA A100 / DGX A100 User Guide: 12 third-generation NVLinks per
 *       GPU at 25 GB/s per direction, 600 GB/s bidirectional GPU-to-GPU through the NVSwitches.</li>
 *   <li>{@link #H100_NVLINK} = 450: NVIDIA H100 / DGX H100 User Guide: 18 fourth-generation NVLinks at
 *       25 GB/s per direction, 900 GB/s bidirectional.</li>
 *   <li>{@link #IB_HDR} = 25: InfiniBand HDR 200 Gb/s (ConnectX-6, one per GPU in a DGX A100).</li>
 *   <li>{@link #IB_NDR} = 50: InfiniBand NDR 400 Gb/s (ConnectX-7, one per GPU in a DGX H100).</li>
 *   <li>{@link #MI250_IF_LINK} = 50: AMD CDNA 2 whitepaper: an Infinity Fabric link is 16 lanes at
 *       25 Gb/s, 50 GB/s per direction; the two GCDs of one MI250/MI250X package are joined by four of
 *       them ({@link #MI250_IN_PACKAGE} = 200 GB/s per direction, 400 GB/s bidirectional).</li>
 * </ul>
 * A DGX box's six (A100) or four (H100) NVSwitch chips are modelled as one switch node: each GPU reaches
 * it with its full NVLink bandwidth. Latencies are rough illustrative figures, not datasheet values:
 * {@link #NVLINK_LATENCY_US} per GPU–NVSwitch link (0.7 µs GPU to GPU), {@link #IF_LATENCY_US} per
 * Infinity Fabric link and {@link #NET_LATENCY_US} per network link (NIC to switch, switch to switch).
 */
public final class TopologyGenerators {
    /** GB/s per direction, one A100 to the NVSwitch fabric (DGX A100 User Guide). */
    public static final Rational A100_NVLINK = Rational.of(300);
    /** GB/s per direction, one H100 to the NVSwitch fabric (DGX H100 User Guide). */
    public static final Rational H100_NVLINK = Rational.of(450);
    /** GB/s, InfiniBand HDR 200 Gb/s. */
    public static final Rational IB_HDR = Rational.of(25);
    /** GB/s, InfiniBand NDR 400 Gb/s. */
    public static final Rational IB_NDR = Rational.of(50);
    /** GB/s per direction of one Infinity Fabric link (AMD CDNA 2 whitepaper). */
    public static final Rational MI250_IF_LINK = Rational.of(50);
    /** GB/s per direction between the two GCDs of one MI250 package: four Infinity Fabric links. */
    public static final Rational MI250_IN_PACKAGE = Rational.of(200);
    /**
     * GB/s per direction of a PCIe Gen4 x16 link: 16 GT/s per lane, 128b/130b encoding, 16 lanes =
     * 2048/65 ≈ 31.5 (PCIe 4.0 spec; the figure {@code import nccl-xml} uses). A100 and MI250 reach
     * their NICs over it.
     */
    public static final Rational PCIE_GEN4_X16 = Rational.of(2048, 65);
    /** GB/s per direction of a PCIe Gen5 x16 link: 32 GT/s, 128b/130b, 16 lanes = 4096/65 ≈ 63.0 (H100). */
    public static final Rational PCIE_GEN5_X16 = Rational.of(4096, 65);

    public static final double NVLINK_LATENCY_US = 0.35;
    public static final double IF_LATENCY_US = 0.5;
    public static final double NET_LATENCY_US = 1.0;
    /** Rough illustrative latency of a PCIe hop (GPU to NIC or PCIe switch, PCIe switch to CPU). */
    public static final double PCIE_LATENCY_US = 0.5;
    /** Latency of the links of the abstract generators (fat tree, torus, ring, mesh). */
    public static final double DEFAULT_LATENCY_US = 1.0;

    private static final double GPU_DX = 70;
    private static final double BOX_GAP = 80;
    private static final int BOXES_PER_ROW = 16;
    private static final double BOX_ROW_DY = 260;

    private TopologyGenerators() {
    }

    // ---------------------------------------------------------------- DGX A100 / H100

    /** {@code boxes} DGX A100 with the defaults: two IB rails, 300 GB/s NVSwitch, 25 GB/s HDR NICs. */
    public static Topology dgxA100(int boxes) {
        return dgxA100(boxes, 2);
    }

    /** {@code boxes} DGX A100; GPU i of every box has its NIC on rail switch i mod rails. */
    public static Topology dgxA100(int boxes, int rails) {
        return dgxBoxes("DGX A100", boxes, 8, rails, A100_NVLINK, IB_HDR);
    }

    /**
     * {@code boxes} DGX A100; with {@code nicNodes} each GPU's NIC is its own node, as ForestColl models
     * the box: GPU → NIC over PCIe Gen4 x16 ({@link #PCIE_GEN4_X16}), NIC → rail switch at 25 GB/s.
     */
    public static Topology dgxA100(int boxes, int rails, boolean nicNodes) {
        return dgxBoxes("DGX A100", boxes, 8, rails, A100_NVLINK, IB_HDR, nicNodes ? PCIE_GEN4_X16 : null);
    }

    /** {@code boxes} DGX H100, rail-optimised: eight rails, 450 GB/s NVSwitch, 50 GB/s NDR NICs. */
    public static Topology dgxH100(int boxes) {
        return dgxH100(boxes, 8);
    }

    /** {@code boxes} DGX H100 with GPU i's NIC on rail switch i mod rails. */
    public static Topology dgxH100(int boxes, int rails) {
        return dgxBoxes("DGX H100", boxes, 8, rails, H100_NVLINK, IB_NDR);
    }

    /** {@code boxes} DGX H100; with {@code nicNodes} GPU → NIC node over PCIe Gen5 x16, NIC → rail at 50 GB/s. */
    public static Topology dgxH100(int boxes, int rails, boolean nicNodes) {
        return dgxBoxes("DGX H100", boxes, 8, rails, H100_NVLINK, IB_NDR, nicNodes ? PCIE_GEN5_X16 : null);
    }

    /**
     * The general NVSwitch box cluster: per box {@code gpusPerBox} GPUs ({@code b<box>g<i>}) joined to
     * one NVSwitch node ({@code nvs<box>}) by duplex links of {@code nvlinkBw}, and one NIC per GPU, a
     * duplex link of {@code nicBw} from GPU i to rail switch {@code rail<i mod rails>}. With one box
     * and any rails the rail switches are still generated (they forward between GPUs of the box).
     */
    public static Topology dgxBoxes(String product, int boxes, int gpusPerBox, int rails, Rational nvlinkBw,
                                    Rational nicBw) {
        return dgxBoxes(product, boxes, gpusPerBox, rails, nvlinkBw, nicBw, null);
    }

    /**
     * As {@link #dgxBoxes(String, int, int, int, Rational, Rational)}; when {@code nicLinkBw} is not null
     * each GPU's NIC is its own node {@code b<box>n<i>} (kind switch: it forwards only), joined to the
     * GPU by a duplex link of {@code nicLinkBw} (PCIe) and to its rail switch by one of {@code nicBw}.
     */
    public static Topology dgxBoxes(String product, int boxes, int gpusPerBox, int rails, Rational nvlinkBw,
                                    Rational nicBw, Rational nicLinkBw) {
        require(boxes >= 1, "boxes must be at least 1");
        require(gpusPerBox >= 1 && boxes * gpusPerBox >= 2, "need at least two GPUs");
        require(rails >= 1, "rails must be at least 1");
        requirePositive(nvlinkBw, "NVLink bandwidth");
        requirePositive(nicBw, "NIC bandwidth");
        require(nicLinkBw == null || nicLinkBw.signum() > 0, "GPU-to-NIC bandwidth must be positive");
        List<Node> nodes = new ArrayList<>(boxes * (gpusPerBox + 1) + rails);
        List<Link> links = new ArrayList<>(2 * boxes * gpusPerBox);
        double boxWidth = gpusPerBox * GPU_DX;
        int perRow = Math.min(boxes, BOXES_PER_ROW);
        double fabricWidth = perRow * (boxWidth + BOX_GAP) - BOX_GAP;
        for (int r = 0; r < rails; r++) {
            nodes.add(new Node("rail" + r, NodeKind.SWITCH, "IB rail " + r, spread(r, rails, fabricWidth), 0.0, null));
        }
        for (int b = 0; b < boxes; b++) {
            addNvSwitchBox(nodes, links, b, gpusPerBox, 160, nvlinkBw, nicBw, nicLinkBw, g -> "rail" + (g % rails));
        }
        String name = boxes + "x " + product + " (" + boxes * gpusPerBox + " GPUs, " + rails + " rail"
                + (rails == 1 ? "" : "s") + (nicLinkBw == null ? "" : ", NIC nodes") + ")";
        return new Topology(name, "GB/s", nodes, links);
    }

    /**
     * Box {@code b} of an NVSwitch cluster: its NVSwitch {@code nvs<b>} and GPUs {@code b<b>g<g>} in group
     * {@code box<b>}, laid out in rows of {@link #BOXES_PER_ROW} boxes from height {@code top} down; each GPU
     * has a duplex NVLink to the NVSwitch and a duplex NIC link to the network switch {@code nicSwitch(g)};
     * with {@code nicLinkBw} not null, through a NIC node {@code b<b>n<g>} (GPU to NIC: {@code nicLinkBw}).
     */
    private static void addNvSwitchBox(List<Node> nodes, List<Link> links, int b, int gpusPerBox, double top,
                                       Rational nvlinkBw, Rational nicBw, Rational nicLinkBw,
                                       IntFunction<String> nicSwitch) {
        double boxWidth = gpusPerBox * GPU_DX;
        double x0 = (b % BOXES_PER_ROW) * (boxWidth + BOX_GAP);
        double y0 = top + (b / BOXES_PER_ROW) * BOX_ROW_DY;
        String group = "box" + b;
        String nvs = "nvs" + b;
        nodes.add(new Node(nvs, NodeKind.SWITCH, "NVSwitch " + b, x0 + (boxWidth - GPU_DX) / 2, y0, group));
        for (int g = 0; g < gpusPerBox; g++) {
            String id = "b" + b + "g" + g;
            nodes.add(new Node(id, NodeKind.ACCELERATOR, "Box " + b + " GPU " + g, x0 + g * GPU_DX, y0 + 100,
                    group));
            links.add(new Link(id, nvs, nvlinkBw, true, NVLINK_LATENCY_US));
            addNic(nodes, links, id, "b" + b + "n" + g, "Box " + b + " NIC " + g, group, x0 + g * GPU_DX, y0 + 170,
                    nicLinkBw, nicSwitch.apply(g), nicBw);
        }
    }

    /**
     * The network port of accelerator {@code acc}: a duplex link of {@code nicBw} to {@code netSwitch}, or,
     * with {@code nicLinkBw} not null, a NIC node {@code nic} (a switch, in the accelerator's group) joined
     * to the accelerator by a duplex {@code nicLinkBw} link and to the network switch by a duplex
     * {@code nicBw} link.
     */
    private static void addNic(List<Node> nodes, List<Link> links, String acc, String nic, String nicLabel,
                               String group, double x, double y, Rational nicLinkBw, String netSwitch, Rational nicBw) {
        if (nicLinkBw == null) {
            links.add(new Link(acc, netSwitch, nicBw, true, NET_LATENCY_US));
            return;
        }
        nodes.add(new Node(nic, NodeKind.SWITCH, nicLabel, x, y, group));
        links.add(new Link(acc, nic, nicLinkBw, true, PCIE_LATENCY_US));
        links.add(new Link(nic, netSwitch, nicBw, true, NET_LATENCY_US));
    }

    // ---------------------------------------------------------------- DGX SuperPOD, rail-optimised

    /** GPUs of one DGX box, so also the rails of a rail-optimised pod. */
    public static final int DGX_GPUS = 8;
    /** Boxes of one scalable unit in the DGX SuperPOD reference designs: each rail leaf serves 16 boxes. */
    public static final int POD_BOXES_PER_LEAF = 16;
    /** Default spine switches of a pod. */
    public static final int POD_SPINES = 8;

    /** {@code boxes} DGX H100 on a rail-optimised full-bisection fabric: 16 boxes per leaf, 8 spines. */
    public static Topology dgxH100Pod(int boxes) {
        return dgxH100Pod(boxes, POD_BOXES_PER_LEAF, POD_SPINES, Rational.ONE);
    }

    /** {@code boxes} DGX H100 (450 GB/s NVSwitch, 50 GB/s NDR NICs) on a rail-optimised fabric. */
    public static Topology dgxH100Pod(int boxes, int boxesPerLeaf, int spines, Rational oversubscription) {
        return railOptimisedPod("DGX H100", boxes, boxesPerLeaf, spines, oversubscription, H100_NVLINK, IB_NDR);
    }

    /** As {@link #dgxH100Pod(int, int, int, Rational)}, with each NIC its own node when {@code nicNodes}. */
    public static Topology dgxH100Pod(int boxes, int boxesPerLeaf, int spines, Rational oversubscription,
                                      boolean nicNodes) {
        return railOptimisedPod("DGX H100", boxes, boxesPerLeaf, spines, oversubscription, H100_NVLINK, IB_NDR,
                nicNodes ? PCIE_GEN5_X16 : null);
    }

    /** {@code boxes} DGX A100 on a rail-optimised full-bisection fabric: 16 boxes per leaf, 8 spines. */
    public static Topology dgxA100Pod(int boxes) {
        return dgxA100Pod(boxes, POD_BOXES_PER_LEAF, POD_SPINES, Rational.ONE);
    }

    /** {@code boxes} DGX A100 (300 GB/s NVSwitch, 25 GB/s HDR NICs) on a rail-optimised fabric. */
    public static Topology dgxA100Pod(int boxes, int boxesPerLeaf, int spines, Rational oversubscription) {
        return railOptimisedPod("DGX A100", boxes, boxesPerLeaf, spines, oversubscription, A100_NVLINK, IB_HDR);
    }

    /** As {@link #dgxA100Pod(int, int, int, Rational)}, with each NIC its own node when {@code nicNodes}. */
    public static Topology dgxA100Pod(int boxes, int boxesPerLeaf, int spines, Rational oversubscription,
                                      boolean nicNodes) {
        return railOptimisedPod("DGX A100", boxes, boxesPerLeaf, spines, oversubscription, A100_NVLINK, IB_HDR,
                nicNodes ? PCIE_GEN4_X16 : null);
    }

    /**
     * DGX boxes on the rail-optimised two-level fabric of NVIDIA's DGX SuperPOD reference designs. Boxes
     * are as in {@link #dgxBoxes} (8 GPUs on one NVSwitch). The boxes come in scalable units of
     * {@code boxesPerLeaf} (the last one may be smaller); a unit has one leaf switch per rail,
     * {@code leaf<u>r<r>}, and GPU r of every box in unit u has its NIC on leaf u's rail r. Every leaf is
     * joined to every spine {@code spine<s>} by a duplex uplink of (the leaf's NIC bandwidth) / spines /
     * oversubscription: 1 gives full bisection, 2 half as much bandwidth up as down.
     */
    public static Topology railOptimisedPod(String product, int boxes, int boxesPerLeaf, int spines,
                                            Rational oversubscription, Rational nvlinkBw, Rational nicBw) {
        return railOptimisedPod(product, boxes, boxesPerLeaf, spines, oversubscription, nvlinkBw, nicBw, null);
    }

    /** As above; with {@code nicLinkBw} not null, each GPU reaches its leaf through a NIC node (see {@link #dgxBoxes}). */
    public static Topology railOptimisedPod(String product, int boxes, int boxesPerLeaf, int spines,
                                            Rational oversubscription, Rational nvlinkBw, Rational nicBw,
                                            Rational nicLinkBw) {
        require(boxes >= 1, "boxes must be at least 1");
        require(boxesPerLeaf >= 1, "boxes per leaf must be at least 1");
        require(spines >= 1, "spines must be at least 1");
        require(oversubscription != null && oversubscription.compareTo(Rational.ONE) >= 0,
                "oversubscription must be at least 1");
        requirePositive(nvlinkBw, "NVLink bandwidth");
        requirePositive(nicBw, "NIC bandwidth");
        require(nicLinkBw == null || nicLinkBw.signum() > 0, "GPU-to-NIC bandwidth must be positive");
        int units = (boxes + boxesPerLeaf - 1) / boxesPerLeaf;
        int leaves = units * DGX_GPUS;
        List<Node> nodes = new ArrayList<>(spines + leaves + boxes * (DGX_GPUS + 1));
        List<Link> links = new ArrayList<>(leaves * spines + 2 * boxes * DGX_GPUS);
        double boxWidth = DGX_GPUS * GPU_DX;
        int perRow = Math.min(boxes, BOXES_PER_ROW);
        double fabricWidth = perRow * (boxWidth + BOX_GAP) - BOX_GAP;
        // spines on top, then the leaves ordered by rail (rail 0 of every unit, then rail 1, ...), then the boxes
        for (int s = 0; s < spines; s++) {
            nodes.add(new Node("spine" + s, NodeKind.SWITCH, "Spine " + s, spread(s, spines, fabricWidth), 0.0,
                    null));
        }
        for (int r = 0; r < DGX_GPUS; r++) {
            for (int u = 0; u < units; u++) {
                String leaf = podLeaf(u, r);
                double x = spread(r * units + u, leaves, fabricWidth);
                nodes.add(new Node(leaf, NodeKind.SWITCH, "Rail " + r + " leaf, unit " + u, x, 160.0, null));
                // full bisection: the leaf's uplinks together carry what its NICs can send
                int boxesOnLeaf = Math.min(boxesPerLeaf, boxes - u * boxesPerLeaf);
                Rational uplinkBw = nicBw.multiply(boxesOnLeaf).divide(spines).divide(oversubscription);
                for (int s = 0; s < spines; s++) {
                    links.add(new Link(leaf, "spine" + s, uplinkBw, true, NET_LATENCY_US));
                }
            }
        }
        for (int b = 0; b < boxes; b++) {
            int unit = b / boxesPerLeaf;
            addNvSwitchBox(nodes, links, b, DGX_GPUS, 320, nvlinkBw, nicBw, nicLinkBw, g -> podLeaf(unit, g));
        }
        String ratio = (oversubscription.equals(Rational.ONE) ? "" : ", " + oversubscription + ":1 oversubscribed")
                + (nicLinkBw == null ? "" : ", NIC nodes");
        String name = boxes + "x " + product + ", rail-optimised (" + boxes * DGX_GPUS + " GPUs, " + leaves
                + " leaves, " + spines + " spine" + (spines == 1 ? "" : "s") + ratio + ")";
        return new Topology(name, "GB/s", nodes, links);
    }

    private static String podLeaf(int unit, int rail) {
        return "leaf" + unit + "r" + rail;
    }

    /** x of switch i of n spread evenly over a fabric this wide (one switch: the middle). */
    static double spread(int i, int n, double fabricWidth) {
        return n == 1 ? fabricWidth / 2 : i * (fabricWidth - GPU_DX) / (n - 1) + GPU_DX / 2;
    }

    // ---------------------------------------------------------------- AMD MI250

    /** {@code boxes} MI250 nodes with two rails (as for the DGX A100 default). */
    public static Topology mi250(int boxes) {
        return mi250(boxes, 2);
    }

    /**
     * Infinity Fabric wiring of one 8-package (16-GCD) MI250 box: {gcd, gcd, links}, each link
     * {@link #MI250_IF_LINK} = 50 GB/s per direction. GCDs 2p and 2p+1 sit on package p and are joined
     * by four links (200 GB/s); the other pairs are the inter-package xGMI links of the 8-OAM platform
     * as ForestColl (arXiv 2402.06787) evaluates it: every GCD has seven links in all.
     */
    private static final int[][] MI250_BOX_LINKS = {
        {0, 1, 4}, {2, 3, 4}, {4, 5, 4}, {6, 7, 4}, {8, 9, 4}, {10, 11, 4}, {12, 13, 4}, {14, 15, 4},
        {0, 4, 2}, {0, 8, 1}, {1, 5, 1}, {1, 9, 1}, {1, 10, 1}, {2, 6, 1}, {2, 9, 1}, {2, 10, 1},
        {3, 7, 2}, {3, 11, 1}, {4, 6, 1}, {5, 6, 1}, {5, 7, 1}, {8, 12, 2}, {9, 13, 1}, {10, 14, 1},
        {11, 15, 2}, {12, 14, 1}, {13, 14, 1}, {13, 15, 1},
    };

    /**
     * {@code boxes} AMD MI250 boxes of 8 packages = 16 GCDs each ({@code b<box>d<gcd>}), joined inside a
     * box by direct duplex Infinity Fabric links ({@link #MI250_BOX_LINKS}: 200 GB/s inside a package,
     * 50 or 100 GB/s between packages). Each GCD has one 25 GB/s (InfiniBand HDR class) NIC to rail
     * switch {@code rail<gcd mod rails>}; two rails by default, as for the DGX A100.
     */
    public static Topology mi250(int boxes, int rails) {
        return mi250(boxes, rails, false);
    }

    /**
     * As {@link #mi250(int, int)}; with {@code nicNodes} each GCD's NIC is its own node {@code b<box>n<gcd>}
     * (a switch), GCD → NIC over PCIe Gen4 x16 ({@link #PCIE_GEN4_X16}), NIC → rail at 25 GB/s.
     */
    public static Topology mi250(int boxes, int rails, boolean nicNodes) {
        require(boxes >= 1, "boxes must be at least 1");
        require(rails >= 1, "rails must be at least 1");
        final int gcds = 16;
        List<Node> nodes = new ArrayList<>(boxes * gcds + rails);
        List<Link> links = new ArrayList<>(boxes * (gcds + MI250_BOX_LINKS.length));
        double boxWidth = gcds / 2 * GPU_DX;
        int perRow = Math.min(boxes, BOXES_PER_ROW);
        double fabricWidth = perRow * (boxWidth + BOX_GAP) - BOX_GAP;
        for (int r = 0; r < rails; r++) {
            nodes.add(new Node("rail" + r, NodeKind.SWITCH, "IB rail " + r, spread(r, rails, fabricWidth), 0.0, null));
        }
        for (int b = 0; b < boxes; b++) {
            double x0 = (b % BOXES_PER_ROW) * (boxWidth + BOX_GAP);
            double y0 = 160 + (b / BOXES_PER_ROW) * BOX_ROW_DY;
            String group = "box" + b;
            for (int d = 0; d < gcds; d++) {
                // two rows of eight: package p's GCDs one above the other
                nodes.add(new Node(gcd(b, d), NodeKind.ACCELERATOR, "Box " + b + " MI250 " + d / 2 + " GCD " + d % 2,
                        x0 + (d / 2) * GPU_DX, y0 + 60 + (d % 2) * 70.0, group));
                addNic(nodes, links, gcd(b, d), "b" + b + "n" + d, "Box " + b + " NIC " + d, group,
                        x0 + (d / 2) * GPU_DX + (d % 2) * 30.0, y0 + 200, nicNodes ? PCIE_GEN4_X16 : null,
                        "rail" + (d % rails), IB_HDR);
            }
            for (int[] l : MI250_BOX_LINKS) {
                links.add(new Link(gcd(b, l[0]), gcd(b, l[1]), MI250_IF_LINK.multiply(l[2]), true, IF_LATENCY_US));
            }
        }
        String name = boxes + "x MI250 (" + boxes * gcds + " GCDs, " + rails + " rail" + (rails == 1 ? "" : "s")
                + (nicNodes ? ", NIC nodes" : "") + ")";
        return new Topology(name, "GB/s", nodes, links);
    }

    private static String gcd(int box, int d) {
        return "b" + box + "d" + d;
    }

    // ---------------------------------------------------------------- fat tree

    /**
     * A non-blocking two-level fat tree: 4 leaves of 4 hosts, 2 spines, 25 GB/s (HDR) host links and
     * 50 GB/s (NDR) uplinks, so each leaf has as much bandwidth up as down.
     */
    public static Topology fatTree() {
        return fatTree(4, 4, 2, IB_HDR, IB_NDR);
    }

    /**
     * A two-level fat tree: accelerators {@code h<leaf>_<i>} under leaf switches {@code leaf<l>} (duplex
     * {@code hostBw}), every leaf joined to every spine {@code spine<s>} (duplex {@code uplinkBw}).
     */
    public static Topology fatTree(int leaves, int hostsPerLeaf, int spines, Rational hostBw, Rational uplinkBw) {
        require(leaves >= 1 && hostsPerLeaf >= 1 && leaves * hostsPerLeaf >= 2, "need at least two hosts");
        require(spines >= 0, "spines must not be negative");
        require(leaves == 1 || spines >= 1, "several leaves need at least one spine");
        requirePositive(hostBw, "host bandwidth");
        requirePositive(uplinkBw, "uplink bandwidth");
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        double leafWidth = hostsPerLeaf * GPU_DX;
        double width = leaves * (leafWidth + BOX_GAP) - BOX_GAP;
        for (int s = 0; s < spines; s++) {
            nodes.add(new Node("spine" + s, NodeKind.SWITCH, "Spine " + s, spread(s, spines, width), 0.0, null));
        }
        for (int l = 0; l < leaves; l++) {
            double x0 = l * (leafWidth + BOX_GAP);
            String leaf = "leaf" + l;
            String group = "leaf" + l;
            nodes.add(new Node(leaf, NodeKind.SWITCH, "Leaf " + l, x0 + (leafWidth - GPU_DX) / 2, 160.0, group));
            for (int s = 0; s < spines; s++) {
                links.add(new Link(leaf, "spine" + s, uplinkBw, true, DEFAULT_LATENCY_US));
            }
            for (int h = 0; h < hostsPerLeaf; h++) {
                String id = "h" + l + "_" + h;
                nodes.add(new Node(id, NodeKind.ACCELERATOR, "Leaf " + l + " host " + h, x0 + h * GPU_DX, 280.0,
                        group));
                links.add(new Link(id, leaf, hostBw, true, DEFAULT_LATENCY_US));
            }
        }
        String name = "Fat tree (" + leaves + " leaves x " + hostsPerLeaf + " hosts, " + spines + " spines)";
        return new Topology(name, "GB/s", nodes, links);
    }

    // ---------------------------------------------------------------- direct networks

    /** Default link bandwidth of the torus, ring and mesh generators: an illustrative 100 GB/s. */
    public static final Rational DEFAULT_DIRECT_BW = Rational.of(100);
    private static final double GRID_D = 90;

    /** An 8x8 2D torus with 100 GB/s duplex links. */
    public static Topology torus() {
        return torus(8, 8, DEFAULT_DIRECT_BW);
    }

    /**
     * A 2D torus of accelerators {@code t<r>_<c>} with duplex links of {@code bw} to the right and
     * downward neighbours, wrapping around. Along a dimension of size 2 the wrap-around link would
     * duplicate the direct one and is left out; along a dimension of size 1 there are no links.
     */
    public static Topology torus(int rows, int cols, Rational bw) {
        return grid("t", rows, cols, bw, true, "2D torus " + rows + "x" + cols);
    }

    /** A 4x4 2D mesh (no wrap-around) with 100 GB/s duplex links. */
    public static Topology mesh() {
        return mesh(4, 4, DEFAULT_DIRECT_BW);
    }

    /** A 2D mesh of accelerators {@code m<r>_<c>}: duplex links of {@code bw} between grid neighbours. */
    public static Topology mesh(int rows, int cols, Rational bw) {
        return grid("m", rows, cols, bw, false, "2D mesh " + rows + "x" + cols);
    }

    private static Topology grid(String prefix, int rows, int cols, Rational bw, boolean wrap, String name) {
        require(rows >= 1 && cols >= 1 && rows * cols >= 2, "need at least two accelerators");
        requirePositive(bw, "bandwidth");
        List<Node> nodes = new ArrayList<>(rows * cols);
        List<Link> links = new ArrayList<>(2 * rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                nodes.add(new Node(prefix + r + "_" + c, NodeKind.ACCELERATOR, "(" + r + "," + c + ")", c * GRID_D,
                        r * GRID_D, null));
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                String id = prefix + r + "_" + c;
                if (c + 1 < cols) {
                    links.add(new Link(id, prefix + r + "_" + (c + 1), bw, true, DEFAULT_LATENCY_US));
                } else if (wrap && cols > 2) {
                    links.add(new Link(id, prefix + r + "_0", bw, true, DEFAULT_LATENCY_US));
                }
                if (r + 1 < rows) {
                    links.add(new Link(id, prefix + (r + 1) + "_" + c, bw, true, DEFAULT_LATENCY_US));
                } else if (wrap && rows > 2) {
                    links.add(new Link(id, prefix + "0_" + c, bw, true, DEFAULT_LATENCY_US));
                }
            }
        }
        return new Topology(name, "GB/s", nodes, links);
    }

    /** An 8-accelerator bidirectional ring with 100 GB/s links. */
    public static Topology ring() {
        return ring(8, DEFAULT_DIRECT_BW, true);
    }

    /**
     * A ring of accelerators {@code r<i>} on a circle: link i → i+1 mod n of {@code bw}, duplex when
     * {@code bidirectional}, one-way otherwise. With n = 2 the ring is one duplex link, or two one-way
     * links 0 → 1 and 1 → 0.
     */
    public static Topology ring(int n, Rational bw, boolean bidirectional) {
        require(n >= 2, "a ring needs at least two accelerators");
        requirePositive(bw, "bandwidth");
        List<Node> nodes = new ArrayList<>(n);
        List<Link> links = new ArrayList<>(n);
        double radius = Math.max(120, n * GPU_DX / (2 * Math.PI));
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n - Math.PI / 2;
            nodes.add(new Node("r" + i, NodeKind.ACCELERATOR, "Acc " + i, radius + radius * Math.cos(a),
                    radius + radius * Math.sin(a), null));
        }
        int count = n == 2 && bidirectional ? 1 : n;
        for (int i = 0; i < count; i++) {
            links.add(new Link("r" + i, "r" + ((i + 1) % n), bw, bidirectional, DEFAULT_LATENCY_US));
        }
        String name = (bidirectional ? "Bidirectional" : "One-way") + " ring of " + n;
        return new Topology(name, "GB/s", nodes, links);
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static void requirePositive(Rational r, String what) {
        if (r == null || r.signum() <= 0) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
