package canopy.io;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster from imported NCCL nodes: node k's ids prefixed {@code n<k>.} (one node keeps its own ids),
 * and a network joining every NIC port. Three networks:
 * <ul>
 * <li>{@code switch}: one non-blocking switch "net" (every port to it);</li>
 * <li>{@code rail}: rail-optimised, NIC port j of every node to leaf "rail<j>", every leaf to each of S
 * spines at (its ports' bandwidth) / (S × R): non-blocking when R = 1;</li>
 * <li>{@code fat-tree}: two tiers, the ports of each run of L nodes to leaf "leaf<i>", every leaf to each
 * of S spines at (its ports' bandwidth) / (S × R), R the oversubscription ratio.</li>
 * </ul>
 * Sizes are bounded: nodes, links and switches all counted against the importer's caps.
 */
public final class NcclCluster {
    /** How the NICs are joined. spines and leafNodes are used by rail and fat-tree only. */
    public record Network(Kind kind, int spines, Rational oversubscription, int leafNodes) {
        public static final Network SWITCH = new Network(Kind.SWITCH, 0, Rational.ONE, 0);
        /** Most spines and leaves a network may have. */
        public static final int MAX_SWITCHES = 4096;

        public Network {
            if (kind != Kind.SWITCH && (spines < 1 || spines > MAX_SWITCHES)) {
                throw new IllegalArgumentException("--spines must be between 1 and " + MAX_SWITCHES + ", not " + spines);
            }
            if (oversubscription.compareTo(Rational.ONE) < 0) {
                throw new IllegalArgumentException("--oversubscription must be at least 1, not " + oversubscription);
            }
            if (kind == Kind.FAT_TREE && (leafNodes < 1 || leafNodes > NcclTopologyImporter.MAX_NODES)) {
                throw new IllegalArgumentException("--leaf-nodes must be between 1 and " + NcclTopologyImporter.MAX_NODES
                        + ", not " + leafNodes);
            }
        }
    }

    /** The network kinds, by their command-line names. */
    public enum Kind {
        SWITCH("switch"), RAIL("rail"), FAT_TREE("fat-tree");

        private final String cliName;

        Kind(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static Kind of(String name) {
            for (Kind k : values()) {
                if (k.cliName.equals(name)) {
                    return k;
                }
            }
            return null;
        }
    }

    private NcclCluster() {
    }

    /** models: one per node, or a single model copied nodes times. */
    static NcclTopologyImporter.Result assemble(List<NcclTopologyImporter.NodeModel> models, int nodes, Network network)
            throws InvalidInputException {
        int count = models.size() == 1 ? nodes : models.size();
        boolean multi = count > 1;
        Map<String, Integer> assumed = new LinkedHashMap<>();
        for (NcclTopologyImporter.NodeModel m : models) {
            m.assumed().forEach((k, v) -> assumed.merge(k, v, Integer::sum));
        }
        // Sizes first: count before building anything.
        long totalNodes = 0;
        long totalLinks = 0;
        long ports = 0;
        int maxPorts = 0;
        for (int k = 0; k < count; k++) {
            NcclTopologyImporter.NodeModel m = model(models, k);
            int p = ports(m);
            totalNodes += m.nodes().size();
            totalLinks += m.links().size() + (multi ? p : 0);
            ports += p;
            maxPorts = Math.max(maxPorts, p);
        }
        int leaves = !multi ? 0 : switch (network.kind()) {
            case SWITCH -> 0;
            case RAIL -> maxPorts;
            case FAT_TREE -> (count + network.leafNodes() - 1) / network.leafNodes();
        };
        int spines = multi && network.kind() != Kind.SWITCH && leaves > 1 ? network.spines() : 0;
        if (multi) {
            totalNodes += network.kind() == Kind.SWITCH ? 1 : leaves + spines;
            totalLinks += (long) leaves * spines;
        }
        if (leaves > Network.MAX_SWITCHES) {
            throw new InvalidInputException("the network would have " + leaves + " leaves, more than "
                    + Network.MAX_SWITCHES);
        }
        String what = models.size() == 1 ? models.get(0).file() : models.size() + " files";
        if (totalNodes > NcclTopologyImporter.MAX_TOTAL_NODES || totalLinks > NcclTopologyImporter.MAX_TOTAL_LINKS) {
            NcclTopologyImporter.NodeModel m = models.get(0);
            throw new InvalidInputException(what + ": " + (models.size() == 1 ? count + (count == 1 ? " copy" : " copies")
                    + " of " + m.nodes().size() + " nodes and " + m.links().size() + " links" : count + " nodes")
                    + " make " + totalNodes + " nodes and " + totalLinks + " links, more than an import may have ("
                    + NcclTopologyImporter.MAX_TOTAL_NODES + " nodes, " + NcclTopologyImporter.MAX_TOTAL_LINKS
                    + " links)" + (count > 1 && models.size() == 1 ? "; use a smaller --nodes" : ""));
        }
        List<Node> outNodes = new ArrayList<>();
        List<Link> outLinks = new ArrayList<>();
        Rational[] leafDown = new Rational[leaves];
        java.util.Arrays.fill(leafDown, Rational.ZERO);
        int gpus = 0;
        for (int k = 0; k < count; k++) {
            NcclTopologyImporter.NodeModel m = model(models, k);
            gpus += m.gpus();
            String prefix = multi ? "n" + k + "." : "";
            String group = "node" + k;
            for (Node n : m.nodes()) {
                outNodes.add(new Node(prefix + n.id(), n.kind(), multi ? "Node " + k + " " + n.label() : n.label(),
                        null, null, group));
            }
            for (Link l : m.links()) {
                outLinks.add(new Link(prefix + l.from(), prefix + l.to(), l.bandwidth(), true, null));
            }
            if (!multi) {
                continue;
            }
            int j = 0;
            for (Map.Entry<String, List<Rational>> e : m.nicPorts().entrySet()) {
                for (Rational port : e.getValue()) {
                    int leaf = switch (network.kind()) {
                        case SWITCH -> -1;
                        case RAIL -> j;
                        case FAT_TREE -> k / network.leafNodes();
                    };
                    outLinks.add(Link.duplex(prefix + e.getKey(), leaf < 0 ? "net" : leafId(network, leaf), port));
                    if (leaf >= 0) {
                        leafDown[leaf] = leafDown[leaf].add(port);
                    }
                    j++;
                }
            }
        }
        if (multi) {
            joinLeaves(network, leaves, spines, leafDown, outNodes, outLinks, count, ports, models.size() == 1, assumed);
        } else if (!models.get(0).nicPorts().isEmpty()) {
            assumed.merge("one node: the NICs' network ports lead nowhere (use --nodes N to join N nodes)", 1, Integer::sum);
        }
        String network1 = network.kind() == Kind.SWITCH || !multi ? ""
                : ", " + (network.kind() == Kind.RAIL ? "rail-optimised" : "fat tree")
                + (network.oversubscription().equals(Rational.ONE) ? "" : " " + network.oversubscription() + ":1");
        String name = (models.size() > 1 ? count + " nodes from " + what : (multi ? count + "x " : "") + what)
                + " (" + gpus + " GPUs, NCCL topology" + network1 + ")";
        List<String> report = new ArrayList<>();
        for (Map.Entry<String, Integer> e : assumed.entrySet()) {
            report.add(e.getKey() + (e.getValue() > 1 ? " (" + e.getValue() + "×)" : ""));
        }
        return new NcclTopologyImporter.Result(new Topology(name, "GB/s", outNodes, outLinks), report);
    }

    private static void joinLeaves(Network network, int leaves, int spines, Rational[] leafDown, List<Node> outNodes,
                                   List<Link> outLinks, int count, long ports, boolean copies,
                                   Map<String, Integer> assumed) {
        String nodesText = copies
                ? "--nodes " + count + ": the node is copied " + count + " times (ids n0. … n" + (count - 1) + ".)"
                : count + " files, one node each (ids n0. … n" + (count - 1) + ".)";
        if (network.kind() == Kind.SWITCH) {
            outNodes.add(new Node("net", NodeKind.SWITCH, "Network switch", null, null, null));
            assumed.merge(nodesText + " and every NIC port (" + ports + " in all) is joined to one non-blocking network"
                    + " switch \"net\"", 1, Integer::sum);
            return;
        }
        for (int i = 0; i < leaves; i++) {
            outNodes.add(new Node(leafId(network, i), NodeKind.SWITCH, network.kind() == Kind.RAIL ? "Rail " + i + " leaf"
                    : "Leaf " + i + " (nodes " + i * network.leafNodes() + "–"
                    + (Math.min(count, (i + 1) * network.leafNodes()) - 1) + ")", null, null, null));
        }
        for (int s = 0; s < spines; s++) {
            outNodes.add(new Node("spine" + s, NodeKind.SWITCH, "Spine " + s, null, null, null));
        }
        Rational share = Rational.ONE.divide(network.oversubscription().multiply(Math.max(1, spines)));
        for (int i = 0; i < leaves && spines > 0; i++) {
            for (int s = 0; s < spines; s++) {
                outLinks.add(Link.duplex(leafId(network, i), "spine" + s, leafDown[i].multiply(share)));
            }
        }
        String ratio = network.oversubscription().equals(Rational.ONE) ? "non-blocking"
                : "oversubscribed " + network.oversubscription() + ":1";
        if (network.kind() == Kind.RAIL) {
            assumed.merge(nodesText + "; rail-optimised network: NIC port j of every node (in the file's NIC order) to"
                    + " leaf \"rail<j>\" (" + leaves + " rails)" + (spines == 0 ? ", one rail holds them all"
                    : ", each leaf to each of " + spines + " spines at its ports' bandwidth / " + divisor(network, spines)
                    + " (" + ratio + ")"), 1, Integer::sum);
        } else {
            assumed.merge(nodesText + "; two-tier fat tree: the NIC ports of every " + network.leafNodes()
                    + " nodes to one leaf (" + leaves + " leaves)" + (spines == 0 ? ", one leaf holds them all"
                    : ", each leaf to each of " + spines + " spines at its ports' bandwidth / "
                    + divisor(network, spines) + " (" + ratio + ")"), 1, Integer::sum);
        }
    }

    private static String divisor(Network network, int spines) {
        Rational r = network.oversubscription();
        return r.equals(Rational.ONE) ? Integer.toString(spines) : "(" + spines + " × " + r + ")";
    }

    private static String leafId(Network network, int i) {
        return (network.kind() == Kind.RAIL ? "rail" : "leaf") + i;
    }

    private static NcclTopologyImporter.NodeModel model(List<NcclTopologyImporter.NodeModel> models, int k) {
        return models.size() == 1 ? models.get(0) : models.get(k);
    }

    private static int ports(NcclTopologyImporter.NodeModel m) {
        int p = 0;
        for (List<Rational> l : m.nicPorts().values()) {
            p += l.size();
        }
        return p;
    }
}
