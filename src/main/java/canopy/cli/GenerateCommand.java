package canopy.cli;

import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.Rational;
import canopy.model.Topology;
import java.io.PrintWriter;
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
            "  mi250       --boxes 2 --rails 2: Infinity Fabric 200/100/50 GB/s, 25 GB/s NIC per GCD",
            "  fat-tree    --leaves 4 --hosts-per-leaf 4 --spines 2 --host-bandwidth 25 --uplink-bandwidth 50",
            "  torus       --rows 8 --cols 8 --bandwidth 100",
            "  mesh        --rows 4 --cols 4 --bandwidth 100",
            "  ring        --accelerators 8 --bandwidth 100 [--one-way]",
            "An option that does not apply to the kind is an error (exit 2)."})
public final class GenerateCommand implements Callable<Integer> {
    static final List<String> KINDS = List.of("dgx-a100", "dgx-h100", "dgx-h100-pod", "dgx-a100-pod", "mi250",
            "fat-tree", "torus", "ring", "mesh");
    /** Generated topologies are capped at this many accelerators. */
    static final int MAX_ACCELERATORS = 65_536;

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
            return r;
        }
    }

    /** Leaf down-bandwidth over up-bandwidth: 1 is full bisection, 2 halves the uplinks. */
    static final class OversubscriptionConverter implements ITypeConverter<Rational> {
        @Override
        public Rational convert(String value) {
            Rational r = parseRational(value, "an oversubscription ratio; write e.g. 1, 2, 1.5 or 4/3");
            if (r.compareTo(Rational.ONE) < 0) {
                throw new TypeConversionException("the oversubscription must be at least 1 (full bisection), not "
                        + value);
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

    @Option(names = "--oversubscription", paramLabel = "X", converter = OversubscriptionConverter.class,
            description = "dgx-h100-pod, dgx-a100-pod: leaf down- over up-bandwidth; 1 is full bisection, "
                    + "2 halves the uplinks (1).")
    Rational oversubscription;

    @Option(names = "--rails", paramLabel = "R",
            description = "dgx-a100, dgx-h100, mi250: rail switches; NIC i goes to rail i mod R (2; dgx-h100: 8).")
    Integer rails;

    @Option(names = "--rows", paramLabel = "R", description = "torus, mesh: rows (torus 8, mesh 4).")
    Integer rows;

    @Option(names = "--cols", paramLabel = "C", description = "torus, mesh: columns (torus 8, mesh 4).")
    Integer cols;

    @Option(names = "--accelerators", paramLabel = "N", description = "ring: accelerators (8).")
    Integer accelerators;

    @Option(names = "--one-way", description = "ring: one-way links instead of duplex ones.")
    boolean oneWay;

    @Option(names = "--leaves", paramLabel = "L", description = "fat-tree: leaf switches (4).")
    Integer leaves;

    @Option(names = "--hosts-per-leaf", paramLabel = "H", description = "fat-tree: accelerators per leaf (4).")
    Integer hostsPerLeaf;

    @Option(names = "--spines", paramLabel = "S",
            description = "fat-tree: spine switches (2); dgx-h100-pod, dgx-a100-pod: (8).")
    Integer spines;

    @Option(names = "--host-bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "fat-tree: GB/s per direction, accelerator to leaf (25).")
    Rational hostBandwidth;

    @Option(names = "--uplink-bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "fat-tree: GB/s per direction, leaf to spine (50).")
    Rational uplinkBandwidth;

    @Option(names = "--bandwidth", paramLabel = "B", converter = BandwidthConverter.class,
            description = "torus, mesh, ring: GB/s per direction of every link (100).")
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
        given.put("--rows", rows);
        given.put("--cols", cols);
        given.put("--accelerators", accelerators);
        given.put("--one-way", oneWay ? Boolean.TRUE : null);
        given.put("--leaves", leaves);
        given.put("--hosts-per-leaf", hostsPerLeaf);
        given.put("--spines", spines);
        given.put("--host-bandwidth", hostBandwidth);
        given.put("--uplink-bandwidth", uplinkBandwidth);
        given.put("--bandwidth", bandwidth);
        Set<String> allowed = switch (kind) {
            case "dgx-a100", "dgx-h100", "mi250" -> Set.of("--boxes", "--rails");
            case "dgx-h100-pod", "dgx-a100-pod" -> Set.of("--boxes", "--boxes-per-leaf", "--spines", "--oversubscription");
            case "fat-tree" -> Set.of("--leaves", "--hosts-per-leaf", "--spines", "--host-bandwidth",
                    "--uplink-bandwidth");
            case "torus", "mesh" -> Set.of("--rows", "--cols", "--bandwidth");
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
                    Rational x = oversubscription == null ? Rational.ONE : oversubscription;
                    yield kind.equals("dgx-h100-pod")
                            ? TopologyGenerators.dgxH100Pod(capped(b, 8), perLeaf, s, x)
                            : TopologyGenerators.dgxA100Pod(capped(b, 8), perLeaf, s, x);
                }
                case "dgx-a100" -> TopologyGenerators.dgxA100(capped(b, 8), positive("--rails", rails, 2));
                case "dgx-h100" -> TopologyGenerators.dgxH100(capped(b, 8), positive("--rails", rails, 8));
                case "mi250" -> TopologyGenerators.mi250(capped(b, 8), positive("--rails", rails, 2));
                case "fat-tree" -> {
                    int l = positive("--leaves", leaves, 4);
                    int h = positive("--hosts-per-leaf", hostsPerLeaf, 4);
                    capped((long) l * h, 1);
                    int s = spines == null ? 2 : spines;
                    if (s < 0) {
                        throw new BadInputException("--spines must not be negative, not " + s);
                    }
                    yield TopologyGenerators.fatTree(l, h, s,
                            hostBandwidth == null ? TopologyGenerators.IB_HDR : hostBandwidth,
                            uplinkBandwidth == null ? TopologyGenerators.IB_NDR : uplinkBandwidth);
                }
                case "torus", "mesh" -> {
                    int def = kind.equals("torus") ? 8 : 4;
                    int r = positive("--rows", rows, def);
                    int c = positive("--cols", cols, def);
                    capped((long) r * c, 1);
                    Rational bw = bandwidth == null ? TopologyGenerators.DEFAULT_DIRECT_BW : bandwidth;
                    yield kind.equals("torus") ? TopologyGenerators.torus(r, c, bw) : TopologyGenerators.mesh(r, c, bw);
                }
                default -> TopologyGenerators.ring(capped(positive("--accelerators", accelerators, 8), 1),
                        bandwidth == null ? TopologyGenerators.DEFAULT_DIRECT_BW : bandwidth, !oneWay);
            };
        } catch (IllegalArgumentException e) {
            throw new BadInputException(kind + ": " + e.getMessage());
        }
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
        if (count * perUnit > MAX_ACCELERATORS) {
            throw new BadInputException("that would be " + count * perUnit + " accelerators; the generator's limit is "
                    + MAX_ACCELERATORS);
        }
        return (int) count;
    }
}
