package canopy.cli;

import canopy.generate.TopologyClasses;
import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.TopologyValidator;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code canopy generate KIND [options] -o FILE}: write a generated topology. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a generated topology (topology/1 JSON, atomically). Kinds and their defaults:",
            "  dgx-a100    --boxes 2 --rails 2: 300 GB/s NVSwitch, 25 GB/s HDR NIC per GPU",
            "  dgx-h100    --boxes 2 --rails 8: 450 GB/s NVSwitch, 50 GB/s NDR NIC per GPU",
            "  dgx-h100-pod --boxes 32 --boxes-per-leaf 16 --spines 8 --oversubscription 1:",
            "              DGX H100 boxes, GPU r to its unit's rail-r leaf, leaves to spines",
            "              (DGX SuperPOD); uplinks full bisection / oversubscription",
            "  dgx-a100-pod the same options and fabric with DGX A100 boxes",
            "  mi250       --boxes 2 --rails 2: Infinity Fabric 200/100/50 GB/s, 25 GB/s NICs",
            "  --nic-nodes (the five kinds above): each NIC its own node between its GPU",
            "              and its rail or leaf; GPU to NIC over PCIe Gen4 x16, 2048/65 GB/s",
            "              (H100: Gen5, 4096/65)",
            "  fat-tree    --leaves 4 --hosts-per-leaf 4 --spines 2 --host-bandwidth 25",
            "              --uplink-bandwidth 50",
            "  fat-tree-3tier --k 4 --host-bandwidth 25 --uplink-bandwidth 25: k pods of",
            "              k/2 edge and k/2 aggregation switches, (k/2)^2 cores, k^3/4 hosts",
            "  leaf-spine  --leaves 8 --hosts-per-leaf 16,8 --spines 4",
            "              --host-bandwidth 25,50 --oversubscription 1,2: the lists cycle",
            "              over the leaves; uplinks = hosts' bandwidth / oversubscription",
            "  dragonfly   --routers-per-group 4 --hosts-per-router 2",
            "              --global-links-per-router 2 --groups 9 --host-bandwidth 25",
            "              --local-bandwidth 25 --global-bandwidth 25; by default",
            "              p = h = a/2 and a*h+1 groups (balanced) for a routers a group",
            "  torus       --rows 8 --cols 8 --depth 1 --bandwidth 100 (depth > 1: 3D)",
            "  mesh        --rows 4 --cols 4 --bandwidth 100",
            "  ring        --accelerators 8 --bandwidth 100 [--one-way]",
            "  random-regular --accelerators 64 --degree 4 --seed 1 --bandwidth 100:",
            "              connected, the same graph for the same seed",
            "  pcie-server --servers 2 --gpus-per-server 8 --nics-per-server 4",
            "              --pcie-switches 4 [--nvlink] --rails 1 --pcie-bandwidth 2048/65",
            "              --nic-bandwidth 25: GPUs and NICs under PCIe switches under",
            "              2 CPUs 16 GB/s apart, as NCCL models a server",
            "At most 65,536 accelerators and 2,097,152 links. An option that does not",
            "apply to the kind is an error (exit 2)."})
public final class GenerateCommand implements Callable<Integer> {
    static final List<String> KINDS = List.of("dgx-a100", "dgx-h100", "dgx-h100-pod", "dgx-a100-pod", "mi250",
            "fat-tree", "fat-tree-3tier", "leaf-spine", "dragonfly", "torus", "ring", "mesh", "random-regular",
            "pcie-server");
    /** Generated topologies are capped at this many accelerators. */
    static final int MAX_ACCELERATORS = TopologyClasses.MAX_ACCELERATORS;

    static final class KindNames extends ArrayList<String> {
        KindNames() {
            super(KINDS);
        }
    }

    static final class BandwidthConverter implements ITypeConverter<Rational> {
        @Override
        public Rational convert(String value) {
            Rational r = parseRational(value, "a bandwidth; write e.g. 100, 12.5 or 100/3");
            if (r.signum() <= 0) {
                throw new TypeConversionException("a bandwidth must be positive, not " + value);
            }
            if (r.numerator().compareTo(MAX_BANDWIDTH_PART) > 0 || r.denominator().compareTo(MAX_BANDWIDTH_PART) > 0) {
                throw new TypeConversionException("a bandwidth's numerator and denominator must be at most 10^"
                        + TopologyValidator.MAX_BANDWIDTH_DIGITS + " (formats.md), not " + value);
            }
            return r;
        }
    }

    /** formats.md's limit on a bandwidth's numerator and denominator. */
    static final BigInteger MAX_BANDWIDTH_PART = BigInteger.TEN.pow(TopologyValidator.MAX_BANDWIDTH_DIGITS);

    /** Leaf down-bandwidth over up-bandwidth: 1 is full bisection, 2 halves the uplinks. */
    static final class OversubscriptionConverter implements ITypeConverter<Rational> {
        @Override
        public Rational convert(String value) {
            Rational r = parseRational(value, "an oversubscription ratio; write e.g. 1, 2, 1.5 or 4/3");
            if (r.compareTo(Rational.ONE) < 0) {
                throw new TypeConversionException("the oversubscription must be at least 1 (full bisection), not "
                        + value);
            }
            if (r.compareTo(Rational.of(1000)) > 0) {
                throw new TypeConversionException("the oversubscription must be at most 1000, not " + value);
            }
            return r;
        }
    }

    private static Rational parseRational(String value, String what) {
        try {
            return Rational.parse(value);
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not " + what);
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", completionCandidates = KindNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    String kind;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Topology file to write.")
    Path output;

    @Option(names = "--boxes", paramLabel = "N",
            description = "dgx-a100, dgx-h100, mi250: number of boxes (2); dgx-h100-pod, dgx-a100-pod: (32).")
    Integer boxes;

    @Option(names = "--boxes-per-leaf", paramLabel = "L",
            description = "dgx-h100-pod, dgx-a100-pod: boxes per rail leaf switch, a scalable unit (16).")
    Integer boxesPerLeaf;

    @Option(names = "--oversubscription", paramLabel = "X", converter = OversubscriptionConverter.class, split = ",",
            description = "dgx-h100-pod, dgx-a100-pod: leaf down- over up-bandwidth; 1 is full bisection, "
                    + "2 halves the uplinks (1); leaf-spine: a list cycled over the leaves (1,2).")
    List<Rational> oversubscription;

    @Option(names = "--nic-nodes", description = "dgx-a100, dgx-h100, mi250, dgx-h100-pod, dgx-a100-pod: each "
            + "GPU's NIC is its own node (a switch) between the GPU and its rail or leaf switch.")
    boolean nicNodes;

    @Option(names = "--k", paramLabel = "K", description = "fat-tree-3tier: switch radix, even (4; 16 gives 1,024 hosts).")
    Integer k;

    @Option(names = "--depth", paramLabel = "D", description = "torus: third dimension; above 1 a 3D torus (1).")
    Integer depth;

    @Option(names = "--degree", paramLabel = "D", description = "random-regular: links per accelerator (4).")
    Integer degree;

    @Option(names = "--seed", paramLabel = "S", description = "random-regular: random seed (1).")
    Long seed;

    @Option(names = "--groups", paramLabel = "G", description = "dragonfly: groups (routers per group x global "
            + "links per router + 1, so each pair of groups shares one global link).")
    Integer groups;

    @Option(names = "--routers-per-group", paramLabel = "A", description = "dragonfly: routers per group (4).")
    Integer routersPerGroup;

    @Option(names = "--hosts-per-router", paramLabel = "P", description = "dragonfly: accelerators per router "
            + "(routers per group / 2).")
    Integer hostsPerRouter;

    @Option(names = "--global-links-per-router", paramLabel = "H",
            description = "dragonfly: global links per router (routers per group / 2).")
    Integer globalLinksPerRouter;

    @Option(names = "--local-bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "dragonfly: GB/s per direction, router to router in a group (25).")
    Rational localBandwidth;

    @Option(names = "--global-bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "dragonfly: GB/s per direction, router to router between groups (25).")
    Rational globalBandwidth;

    @Option(names = "--servers", paramLabel = "N", description = "pcie-server: servers (2).")
    Integer servers;

    @Option(names = "--gpus-per-server", paramLabel = "G", description = "pcie-server: GPUs per server (8).")
    Integer gpusPerServer;

    @Option(names = "--nics-per-server", paramLabel = "N", description = "pcie-server: NICs per server (4).")
    Integer nicsPerServer;

    @Option(names = "--pcie-switches", paramLabel = "P", description = "pcie-server: PCIe switches per server, "
            + "half under each of two CPUs (4).")
    Integer pcieSwitches;

    @Option(names = "--nvlink", description = "pcie-server: the GPUs of a server also share a 300 GB/s NVSwitch.")
    boolean nvlink;

    @Option(names = "--pcie-bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "pcie-server: GB/s per direction of every PCIe link (2048/65: Gen4 x16).")
    Rational pcieBandwidth;

    @Option(names = "--nic-bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "pcie-server: GB/s per direction, NIC to network (25).")
    Rational nicBandwidth;

    @Option(names = "--rails", paramLabel = "R",
            description = "dgx-a100, dgx-h100, mi250: rail switches; NIC i goes to rail i mod R (2; dgx-h100: 8); "
                    + "pcie-server: 1 is one network switch (1).")
    Integer rails;

    @Option(names = "--rows", paramLabel = "R", description = "torus, mesh: rows (torus 8, mesh 4).")
    Integer rows;

    @Option(names = "--cols", paramLabel = "C", description = "torus, mesh: columns (torus 8, mesh 4).")
    Integer cols;

    @Option(names = "--accelerators", paramLabel = "N", description = "ring: accelerators (8); random-regular: (64).")
    Integer accelerators;

    @Option(names = "--one-way", description = "ring: one-way links instead of duplex ones.")
    boolean oneWay;

    @Option(names = "--leaves", paramLabel = "L", description = "fat-tree: leaf switches (4); leaf-spine: (8).")
    Integer leaves;

    @Option(names = "--hosts-per-leaf", paramLabel = "H", split = ",",
            description = "fat-tree: accelerators per leaf (4); leaf-spine: a list cycled over the leaves (16,8).")
    List<Integer> hostsPerLeaf;

    @Option(names = "--spines", paramLabel = "S",
            description = "fat-tree: spine switches (2); dgx-h100-pod, dgx-a100-pod: (8); leaf-spine: (4).")
    Integer spines;

    @Option(names = "--host-bandwidth", paramLabel = "B", converter = BandwidthConverter.class, split = ",",
            description = "fat-tree, fat-tree-3tier, dragonfly: GB/s per direction, accelerator to its switch (25); "
                    + "leaf-spine: a list cycled over the leaves (25,50).")
    List<Rational> hostBandwidth;

    @Option(names = "--uplink-bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "fat-tree: GB/s per direction, leaf to spine (50); fat-tree-3tier: every switch-to-switch "
                    + "link (25).")
    Rational uplinkBandwidth;

    @Option(names = "--bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "torus, mesh, ring, random-regular: GB/s per direction of every link (100).")
    Rational bandwidth;

    @Option(names = "--name", paramLabel = "NAME", description = "Name to give the topology (default: the generator's).")
    String name;

    @Override
    public Integer call() throws Exception {
        if (!KINDS.contains(kind)) {
            throw new BadInputException("unknown kind '" + kind + "'; expected one of " + String.join(", ", KINDS));
        }
        checkApplicable();
        Topology t = generate();
        if (name != null) {
            t = t.withName(name);
        }
        // never write a file the readers would refuse (say a derived uplink bandwidth past formats.md's limit)
        List<TopologyValidator.Problem> problems = TopologyValidator.problems(t);
        if (!problems.isEmpty()) {
            throw new BadInputException(kind + ": the options give an invalid topology: " + problems.get(0).message());
        }
        TopologyJson.write(t, output);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output + ": " + t.name() + " — " + Cli.counts(t));
        out.flush();
        return CanopyCommand.EXIT_OK;
    }

    private void checkApplicable() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("--boxes", boxes);
        given.put("--rails", rails);
        given.put("--boxes-per-leaf", boxesPerLeaf);
        given.put("--oversubscription", oversubscription);
        given.put("--nic-nodes", nicNodes ? Boolean.TRUE : null);
        given.put("--rows", rows);
        given.put("--cols", cols);
        given.put("--depth", depth);
        given.put("--accelerators", accelerators);
        given.put("--one-way", oneWay ? Boolean.TRUE : null);
        given.put("--degree", degree);
        given.put("--seed", seed);
        given.put("--leaves", leaves);
        given.put("--hosts-per-leaf", hostsPerLeaf);
        given.put("--spines", spines);
        given.put("--k", k);
        given.put("--host-bandwidth", hostBandwidth);
        given.put("--uplink-bandwidth", uplinkBandwidth);
        given.put("--groups", groups);
        given.put("--routers-per-group", routersPerGroup);
        given.put("--hosts-per-router", hostsPerRouter);
        given.put("--global-links-per-router", globalLinksPerRouter);
        given.put("--local-bandwidth", localBandwidth);
        given.put("--global-bandwidth", globalBandwidth);
        given.put("--servers", servers);
        given.put("--gpus-per-server", gpusPerServer);
        given.put("--nics-per-server", nicsPerServer);
        given.put("--pcie-switches", pcieSwitches);
        given.put("--nvlink", nvlink ? Boolean.TRUE : null);
        given.put("--pcie-bandwidth", pcieBandwidth);
        given.put("--nic-bandwidth", nicBandwidth);
        given.put("--bandwidth", bandwidth);
        Set<String> allowed = switch (kind) {
            case "dgx-a100", "dgx-h100", "mi250" -> Set.of("--boxes", "--rails", "--nic-nodes");
            case "dgx-h100-pod", "dgx-a100-pod" -> Set.of("--boxes", "--boxes-per-leaf", "--spines", "--oversubscription",
                    "--nic-nodes");
            case "fat-tree" -> Set.of("--leaves", "--hosts-per-leaf", "--spines", "--host-bandwidth",
                    "--uplink-bandwidth");
            case "fat-tree-3tier" -> Set.of("--k", "--host-bandwidth", "--uplink-bandwidth");
            case "leaf-spine" -> Set.of("--leaves", "--hosts-per-leaf", "--spines", "--host-bandwidth",
                    "--oversubscription");
            case "dragonfly" -> Set.of("--groups", "--routers-per-group", "--hosts-per-router",
                    "--global-links-per-router", "--host-bandwidth", "--local-bandwidth", "--global-bandwidth");
            case "torus" -> Set.of("--rows", "--cols", "--depth", "--bandwidth");
            case "mesh" -> Set.of("--rows", "--cols", "--bandwidth");
            case "random-regular" -> Set.of("--accelerators", "--degree", "--seed", "--bandwidth");
            case "pcie-server" -> Set.of("--servers", "--gpus-per-server", "--nics-per-server", "--pcie-switches",
                    "--nvlink", "--rails", "--pcie-bandwidth", "--nic-bandwidth");
            default -> Set.of("--accelerators", "--bandwidth", "--one-way");
        };
        for (Map.Entry<String, Object> e : given.entrySet()) {
            if (e.getValue() != null && !allowed.contains(e.getKey())) {
                throw new BadInputException(e.getKey() + " does not apply to " + kind + " (it takes "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private Topology generate() {
        int b = positive("--boxes", boxes, isPod() ? 32 : 2);
        try {
            return switch (kind) {
                case "dgx-h100-pod", "dgx-a100-pod" -> {
                    int perLeaf = positive("--boxes-per-leaf", boxesPerLeaf, TopologyGenerators.POD_BOXES_PER_LEAF);
                    int s = positive("--spines", spines, TopologyGenerators.POD_SPINES);
                    Rational x = oversubscription == null ? Rational.ONE : single("--oversubscription", oversubscription);
                    capped(b, 8);
                    TopologyClasses.requireSize(0, TopologyClasses.sum(TopologyClasses.product(b, 24),
                            TopologyClasses.product((b + perLeaf - 1) / perLeaf, 8, s)));
                    yield kind.equals("dgx-h100-pod")
                            ? TopologyGenerators.dgxH100Pod(b, perLeaf, s, x, nicNodes)
                            : TopologyGenerators.dgxA100Pod(b, perLeaf, s, x, nicNodes);
                }
                case "dgx-a100" -> TopologyGenerators.dgxA100(capped(b, 8), railCount(2), nicNodes);
                case "dgx-h100" -> TopologyGenerators.dgxH100(capped(b, 8), railCount(8), nicNodes);
                case "mi250" -> TopologyGenerators.mi250(capped(b, 16), railCount(2), nicNodes);
                case "fat-tree" -> {
                    int l = positive("--leaves", leaves, 4);
                    int h = positive("--hosts-per-leaf", hostsPerLeaf == null ? null
                            : single("--hosts-per-leaf", hostsPerLeaf), 4);
                    capped((long) l * h, 1);
                    int s = spines == null ? 2 : spines;
                    if (s < 0) {
                        throw new BadInputException("--spines must not be negative, not " + s);
                    }
                    TopologyClasses.requireSize(0, TopologyClasses.sum((long) l * h, TopologyClasses.product(l, s)));
                    yield TopologyGenerators.fatTree(l, h, s,
                            hostBandwidth == null ? TopologyGenerators.IB_HDR : single("--host-bandwidth", hostBandwidth),
                            uplinkBandwidth == null ? TopologyGenerators.IB_NDR : uplinkBandwidth);
                }
                case "fat-tree-3tier" -> {
                    int kk = positive("--k", k, 4);
                    if (kk % 2 != 0 || kk < 2) {
                        throw new BadInputException("--k must be an even number of at least 2, not " + kk);
                    }
                    if (kk > 64) {
                        throw new BadInputException("--k " + kk + " would be " + TopologyClasses.product(kk, kk, kk) / 4
                                + " hosts; the generator's limit is " + MAX_ACCELERATORS + " (k = 64)");
                    }
                    Rational bw = hostBandwidth == null ? TopologyClasses.DEFAULT_NET_BW
                            : single("--host-bandwidth", hostBandwidth);
                    yield TopologyClasses.fatTree3Tier(kk, bw,
                            uplinkBandwidth == null ? TopologyClasses.DEFAULT_NET_BW : uplinkBandwidth);
                }
                case "leaf-spine" -> {
                    int l = positive("--leaves", leaves, 8);
                    int s = positive("--spines", spines, 4);
                    List<Integer> hs = hostsPerLeaf == null ? List.of(16, 8) : hostsPerLeaf;
                    for (int h : hs) {
                        positive("--hosts-per-leaf", h, 1);
                    }
                    List<Rational> bws = hostBandwidth == null ? List.of(Rational.of(25), Rational.of(50)) : hostBandwidth;
                    List<Rational> xs = oversubscription == null ? List.of(Rational.ONE, Rational.of(2)) : oversubscription;
                    yield TopologyClasses.leafSpine(l, hs.stream().mapToInt(Integer::intValue).toArray(), s,
                            bws.toArray(new Rational[0]), xs.toArray(new Rational[0]));
                }
                case "dragonfly" -> {
                    int a = positive("--routers-per-group", routersPerGroup, 4);
                    int p = positive("--hosts-per-router", hostsPerRouter, Math.max(1, a / 2));
                    int h = globalLinksPerRouter == null ? Math.max(1, a / 2) : globalLinksPerRouter;
                    if (h < 0) {
                        throw new BadInputException("--global-links-per-router must not be negative, not " + h);
                    }
                    long maxGroups = TopologyClasses.sum(TopologyClasses.product(a, h), 1);
                    int g = positive("--groups", groups, (int) Math.min(maxGroups, Integer.MAX_VALUE));
                    Rational bw = hostBandwidth == null ? TopologyClasses.DEFAULT_NET_BW
                            : single("--host-bandwidth", hostBandwidth);
                    yield TopologyClasses.dragonfly(g, a, p, h, bw,
                            localBandwidth == null ? TopologyClasses.DEFAULT_NET_BW : localBandwidth,
                            globalBandwidth == null ? TopologyClasses.DEFAULT_NET_BW : globalBandwidth);
                }
                case "torus", "mesh" -> {
                    int def = kind.equals("torus") ? 8 : 4;
                    int r = positive("--rows", rows, def);
                    int c = positive("--cols", cols, def);
                    int d = positive("--depth", depth, 1);
                    capped(TopologyClasses.product(r, c, d), 1);
                    Rational bw = bandwidth == null ? TopologyGenerators.DEFAULT_DIRECT_BW : bandwidth;
                    yield kind.equals("torus") ? TopologyClasses.torus3d(r, c, d, bw) : TopologyGenerators.mesh(r, c, bw);
                }
                case "random-regular" -> {
                    int n = positive("--accelerators", accelerators, 64);
                    capped(n, 1);
                    int d = positive("--degree", degree, 4);
                    yield TopologyClasses.randomRegular(n, d, seed == null ? 1 : seed,
                            bandwidth == null ? TopologyGenerators.DEFAULT_DIRECT_BW : bandwidth);
                }
                case "pcie-server" -> {
                    int n = positive("--servers", servers, 2);
                    int g = positive("--gpus-per-server", gpusPerServer, 8);
                    capped(TopologyClasses.product(n, g), 1);
                    yield TopologyClasses.pcieServers(n, g, positive("--nics-per-server", nicsPerServer, 4),
                            positive("--pcie-switches", pcieSwitches, Math.min(TopologyClasses.PCIE_SWITCHES, g)),
                            nvlink, positive("--rails", rails, 1),
                            pcieBandwidth == null ? TopologyGenerators.PCIE_GEN4_X16 : pcieBandwidth,
                            nicBandwidth == null ? TopologyClasses.DEFAULT_NET_BW : nicBandwidth);
                }
                default -> TopologyGenerators.ring(capped(positive("--accelerators", accelerators, 8), 1),
                        bandwidth == null ? TopologyGenerators.DEFAULT_DIRECT_BW : bandwidth, !oneWay);
            };
        } catch (IllegalArgumentException e) {
            throw new BadInputException(kind + ": " + e.getMessage());
        }
    }

    /** --rails for the DGX and MI250 boxes: at least 1, and no more rails than NICs a box has. */
    private int railCount(int dflt) {
        int r = positive("--rails", rails, dflt);
        int nics = kind.equals("mi250") ? 16 : 8;
        if (r > nics) {
            throw new BadInputException("--rails must be at most " + nics + " (one per NIC of a box), not " + r);
        }
        return r;
    }

    /** The one value of a list option that takes a list only for some kinds. */
    private <T> T single(String option, List<T> values) {
        if (values.size() != 1) {
            throw new BadInputException(option + " takes one value for " + kind + ", not " + values.size()
                    + " (lists are for leaf-spine)");
        }
        return values.get(0);
    }

    private boolean isPod() {
        return kind.equals("dgx-h100-pod") || kind.equals("dgx-a100-pod");
    }

    private static int positive(String option, Integer value, int dflt) {
        int v = value == null ? dflt : value;
        if (v < 1) {
            throw new BadInputException(option + " must be at least 1, not " + v);
        }
        return v;
    }

    /** count × perUnit accelerators, refused above MAX_ACCELERATORS; returns count. */
    private static int capped(long count, int perUnit) {
        long total = TopologyClasses.product(count, perUnit);
        if (total > MAX_ACCELERATORS) {
            throw new BadInputException("that would be " + (total == Long.MAX_VALUE ? "over 2^63" : total)
                    + " accelerators; the generator's limit is " + MAX_ACCELERATORS);
        }
        return (int) count;
    }
}
