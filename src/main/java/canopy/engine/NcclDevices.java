package canopy.engine;

import canopy.model.Node;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nodes (machines) of a topology imported from NCCL topology files, and, per node, which topology
 * node each NCCL device number names: GPU {@code dev} d is {@code gpu<d>} (one node) or
 * {@code n<k>.gpu<d>} (node k), as canopy.io.NcclTopologyImporter names them; network device d is the
 * NIC whose label says {@code net dev d} (the importer writes it), or, in a topology whose NIC labels do
 * not say, {@code nic<d>}. Nodes are in rank order: k ascending, as NCCL numbers ranks node by node.
 * Throws IllegalArgumentException naming the element that does not fit.
 */
final class NcclDevices {
    private static final Pattern GPU = Pattern.compile("(?:n(\\d{1,9})\\.)?gpu(\\d{1,9})");
    private static final Pattern NIC = Pattern.compile("(?:n(\\d{1,9})\\.)?nic(\\d{1,9})");
    private static final Pattern NET_DEV = Pattern.compile("net dev ([0-9,]+)");

    /** node number → GPU dev → node id, in rank order. */
    private final TreeMap<Integer, TreeMap<Integer, String>> gpus = new TreeMap<>();
    /** node number → net dev → NIC node id. */
    private final Map<Integer, Map<Integer, String>> nets = new TreeMap<>();
    private boolean netDevsFromLabels;

    NcclDevices(Topology t) {
        for (Node n : t.nodes()) {
            if (n.isAccelerator()) {
                Matcher m = GPU.matcher(n.id());
                if (!m.matches()) {
                    throw new IllegalArgumentException("accelerator " + clip(n.id()) + " is not named gpu<dev> or "
                            + "n<node>.gpu<dev>: import the topology with 'canopy import nccl-xml'");
                }
                int node = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
                gpus.computeIfAbsent(node, k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), n.id());
                continue;
            }
            Matcher m = NIC.matcher(n.id());
            if (!m.matches()) {
                continue;
            }
            int node = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
            Matcher d = NET_DEV.matcher(n.label() == null ? "" : n.label());
            Map<Integer, String> byDev = nets.computeIfAbsent(node, k -> new LinkedHashMap<>());
            if (d.find()) {
                netDevsFromLabels = true;
                for (String dev : d.group(1).split(",")) {
                    if (!dev.isEmpty()) {
                        byDev.put(Integer.parseInt(dev), n.id());
                    }
                }
            } else {
                byDev.putIfAbsent(Integer.parseInt(m.group(2)), n.id());
            }
        }
        if (gpus.isEmpty()) {
            throw new IllegalArgumentException("the topology has no accelerators");
        }
    }

    /** Node numbers in rank order. */
    List<Integer> nodes() {
        return new ArrayList<>(gpus.keySet());
    }

    /** GPU dev → node id of one node. */
    Map<Integer, String> gpus(int node) {
        return gpus.get(node);
    }

    /** Net dev → NIC node id of one node (a dual-port NIC under two devs); empty when it has none. */
    Map<Integer, String> nics(int node) {
        return nets.getOrDefault(node, Map.of());
    }

    /** The NIC node of net dev on a node, or null. */
    String nic(int node, long dev) {
        Map<Integer, String> byDev = nets.get(node);
        return byDev == null || dev > Integer.MAX_VALUE ? null : byDev.get((int) dev);
    }

    /** Whether NIC labels carried NCCL's net dev numbers (else nic<d> was taken for net dev d). */
    boolean netDevsFromLabels() {
        return netDevsFromLabels;
    }

    static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
