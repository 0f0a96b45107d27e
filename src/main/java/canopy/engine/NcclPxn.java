package canopy.engine;

import canopy.model.Rational;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a GPU sends to a NIC of its machine as NCCL does, PXN included (NVIDIA/nccl src/graph/paths.cc,
 * {@code ncclTopoComputePaths}; on unless {@code NCCL_PXN_DISABLE=1}, {@code ncclPxnDisable}). NCCL
 * replaces GPU g's path to NIC n by g → (NVLink) → p → (PCI) → n, p the NIC's local GPU
 * ({@code ncclTopoGetLocalGpu}), when p ≠ g, p reaches n through PCI switches only (PIX or PXB), p and
 * g are joined by NVLink, and p is closer: a wider path to n than g's, or g's path crosses a CPU (PHB or
 * SYS). Only the GPU → NIC direction: receiving stays local ("consistent with net.cc"); the NIC → GPU
 * route is the plain one.
 *
 * <p>Path types from the ids {@code NcclTopologyImporter} gives: a {@code cpu…} node is a CPU, a
 * {@code pci…} node a PCI switch; a GPU-to-GPU route through neither is NVLink (direct or by NVSwitch).
 * NCCL's local GPU of a NIC, after {@code ncclTopoGetLocal}, {@code ncclTopoGetLocalNet} (search.cc /
 * topo.cc): among the GPUs with the widest, then best-typed path to the NIC, the first whose own local
 * NIC for some channel c (its dev, bit-mirrored when its local NIC count is a power of two, plus
 * c mod ⌈local NICs / local GPUs⌉) is this NIC. Own code.
 */
final class NcclPxn {
    /** NCCL's path types that matter here (topo.h order): the larger, the farther. */
    static final int PIX = 4;
    static final int PXB = 5;
    static final int PXN = 7;
    static final int PHB = 8;
    static final int SYS = 9;
    /** NCCL's MAXCHANNELS, the channels ncclTopoGetLocalGpu tries. */
    private static final int MAX_CHANNELS = 64;

    private final NetworkGraph g;
    private final NcclRoutes routes;
    private final NcclDevices devices;
    private final Map<String, String> localGpu = new HashMap<>();

    NcclPxn(NetworkGraph g, NcclRoutes routes, NcclDevices devices) {
        this.g = g;
        this.routes = routes;
        this.devices = devices;
    }

    /** A GPU → NIC route, and the GPU it relays through (null when it goes direct). */
    record Send(List<String> path, String relay) {
    }

    /** The route GPU dev gpu of machine node takes to its NIC nic, on channel seed. */
    Send send(int node, int gpu, String nic, int seed) {
        String from = devices.gpus(node).get(gpu);
        List<String> direct;
        try {
            direct = routes.pathWithinMachine(from, nic, seed);
        } catch (IllegalArgumentException e) { // a hand-made topology may join them only through the network
            return new Send(routes.path(from, nic, seed), null);
        }
        String peer = localGpu(node, nic);
        if (peer == null || peer.equals(from)) {
            return new Send(direct, null);
        }
        List<String> peerToNic = routes.pathWithinMachine(peer, nic, seed);
        List<String> toPeer = routes.pathWithinMachine(from, peer, seed);
        boolean pciOnly = type(peerToNic) <= PXB;
        boolean nvlink = crosses(toPeer, "pci") == 0 && crosses(toPeer, "cpu") == 0;
        boolean closer = width(peerToNic).compareTo(width(direct)) > 0 || type(direct) > PXN;
        if (!pciOnly || !nvlink || !closer) {
            return new Send(direct, null);
        }
        List<String> p = new ArrayList<>(toPeer);
        p.addAll(peerToNic.subList(1, peerToNic.size()));
        return new Send(p, peer);
    }

    /** NCCL's path type of a route between a GPU and a NIC: PIX, PXB, PHB or SYS. */
    static int type(List<String> path) {
        int cpus = crosses(path, "cpu");
        if (cpus > 0) {
            return cpus > 1 ? SYS : PHB;
        }
        return crosses(path, "pci") > 1 ? PXB : PIX;
    }

    /** How many inner nodes of path are named kind (after the machine prefix). */
    private static int crosses(List<String> path, String kind) {
        int n = 0;
        for (int i = 1; i + 1 < path.size(); i++) {
            String id = path.get(i);
            if (id.startsWith(kind, NcclRoutes.machine(id).length())) {
                n++;
            }
        }
        return n;
    }

    /** The narrowest link of a route. */
    private Rational width(List<String> path) {
        Rational w = null;
        for (int i = 0; i + 1 < path.size(); i++) {
            Rational bw = g.bandwidth(g.arc(g.indexOf(path.get(i)), g.indexOf(path.get(i + 1))));
            w = w == null ? bw : w.min(bw);
        }
        return w;
    }

    /** ncclTopoGetLocalGpu: the GPU that sends through nic by default, or null. */
    String localGpu(int node, String nic) {
        return localGpu.computeIfAbsent(nic, k -> {
            List<String> nics = distinct(devices.nics(node));
            List<String> gpus = new ArrayList<>(devices.gpus(node).values());
            List<String> mine = nearest(nic, gpus);
            if (mine.isEmpty()) {
                return "";
            }
            for (int c = 0; c < MAX_CHANNELS; c++) {
                for (String gpu : mine) {
                    if (localNet(node, gpu, c, nics, gpus).equals(nic)) {
                        return gpu;
                    }
                }
            }
            return "";
        }).transform(s -> s.isEmpty() ? null : s);
    }

    /** ncclTopoGetLocalNet: the NIC GPU gpu uses on channel c. */
    private String localNet(int node, String gpu, int c, List<String> nics, List<String> gpus) {
        List<String> local = nearest(gpu, nics);
        if (local.isEmpty()) {
            return "";
        }
        int count = local.size();
        int perGpu = Math.max(1, nearest(local.get(0), gpus).size());
        int dev = devOf(node, gpu);
        int net = Integer.bitCount(count) == 1 ? mirrorBits(dev, count) : dev;
        net += c % ((count + perGpu - 1) / perGpu);
        return local.get(net % count);
    }

    /** ncclTopoGetLocal: of candidates, those with the widest, then best-typed route from from. */
    private List<String> nearest(String from, List<String> candidates) {
        List<String> best = new ArrayList<>();
        Rational bestWidth = null;
        int bestType = Integer.MAX_VALUE;
        for (String to : candidates) {
            List<String> p;
            try {
                p = routes.pathWithinMachine(from, to, 0);
            } catch (IllegalArgumentException e) {
                continue; // not reachable inside the machine: not local
            }
            Rational w = width(p);
            int t = type(p);
            int c = bestWidth == null ? 1 : w.compareTo(bestWidth);
            if (c > 0 || c == 0 && t < bestType) {
                best.clear();
                bestWidth = w;
                bestType = t;
            }
            if (w.equals(bestWidth) && t == bestType) {
                best.add(to);
            }
        }
        return best;
    }

    private int devOf(int node, String gpu) {
        for (Map.Entry<Integer, String> e : devices.gpus(node).entrySet()) {
            if (e.getValue().equals(gpu)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("no GPU " + gpu);
    }

    /** NIC ids in net dev order, each once (a dual-port NIC has two devs). */
    private static List<String> distinct(Map<Integer, String> byDev) {
        List<String> out = new ArrayList<>();
        for (String id : new java.util.TreeMap<>(byDev).values()) {
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** NCCL's mirrorBits: val's low log2(pow2) bits in reverse order. */
    static int mirrorBits(int val, int pow2) {
        int mirror = 0;
        for (int b = 1, mb = pow2 >> 1; b < pow2; b <<= 1, mb >>= 1) {
            if ((val & b) != 0) {
                mirror |= mb;
            }
        }
        return mirror;
    }
}
