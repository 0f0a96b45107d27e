package canopy.io;

import canopy.model.Messages;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Imports an NCCL topology file ({@code NCCL_TOPO_FILE}, the format NCCL dumps with
 * {@code NCCL_TOPO_DUMP_FILE}): {@code <system>} / {@code <cpu>} / nested {@code <pci>} / {@code <gpu>}
 * with {@code <nvlink>} / {@code <nic>} with {@code <net>}.
 *
 * <p>The model: every GPU is an accelerator; CPUs (root complexes), PCIe switches (bridges, class
 * 0x0604xx) and NICs are switches; all NVSwitches (NVLink targets of class 0x068000) are one NVSwitch
 * node. Links are duplex (which keeps every switch balanced), with bandwidths per direction:
 * NVLink count × the per-link speed of the GPU generation (from {@code sm}), PCIe from
 * {@code link_speed} × {@code link_width} after line encoding, NIC ports from {@code speed} (Mb/s / 8000
 * = GB/s), and the CPU interconnect from NCCL's own model. A file describes one node; {@code nodes}
 * copies it and joins every NIC port to one network switch. What was assumed is listed in the
 * report, one line per default used.
 *
 * <p>Untrusted input: the file is parsed by {@link HardenedXml} (size cap, no DTDs or entities) and
 * every bad value is refused naming its element, e.g. {@code nvlink in gpu dev=3: count "x" is not a
 * number}.
 */
public final class NcclTopologyImporter {
    /** Largest --nodes accepted. */
    public static final int MAX_NODES = 4096;
    /**
     * The most nodes and links an import may produce, all copies of --nodes included: a 1 MB file of
     * CPUs would otherwise ask for a full CPU mesh of hundreds of millions of links, and --nodes 4096
     * times a file of 2,000 GPUs for tens of millions of nodes. 131,072 nodes and 400,000 links (a
     * topology file of about 40 MB, under the 64 MiB a topology reader accepts) hold 4,096 copies of a
     * DGX node's 16 nodes and 36 links, and 512 copies of a 128-GPU node.
     */
    public static final int MAX_TOTAL_NODES = 131_072;
    public static final int MAX_TOTAL_LINKS = 400_000;
    /** NVSwitch's PCI class (bridge, other). */
    static final String NVSWITCH_CLASS = "0x068000";

    /** The imported topology and what was assumed to build it. */
    public record Result(Topology topology, List<String> assumptions) {
        public Result {
            assumptions = List.copyOf(assumptions);
        }
    }

    private NcclTopologyImporter() {
    }

    public static Result read(Path file, int nodes) throws InvalidInputException, NoSuchFileException {
        return read(file, nodes, HardenedXml.DEFAULT_MAX_BYTES);
    }

    public static Result read(Path file, int nodes, long maxBytes) throws InvalidInputException, NoSuchFileException {
        return read(List.of(file), nodes, NcclCluster.Network.SWITCH, maxBytes);
    }

    /**
     * A cluster: one file per node (nodes must then be the number of files), or one file copied nodes
     * times, the NICs joined by the network described.
     */
    public static Result read(List<Path> files, int nodes, NcclCluster.Network network, long maxBytes)
            throws InvalidInputException, NoSuchFileException {
        checkNodes(files.size(), nodes);
        List<NodeModel> models = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            models.add(new Builder(name).build(HardenedXml.parse(file, maxBytes)));
        }
        return NcclCluster.assemble(models, nodes, network);
    }

    public static Result parse(byte[] xml, String name, int nodes) throws InvalidInputException {
        return parse(xml, name, nodes, NcclCluster.Network.SWITCH);
    }

    public static Result parse(byte[] xml, String name, int nodes, NcclCluster.Network network)
            throws InvalidInputException {
        checkNodes(1, nodes);
        return NcclCluster.assemble(List.of(new Builder(name).build(HardenedXml.parse(xml, name))), nodes, network);
    }

    private static void checkNodes(int files, int nodes) throws InvalidInputException {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new InvalidInputException("--nodes must be between 1 and " + MAX_NODES + ", not " + nodes);
        }
        if (files > 1 && nodes != files) {
            throw new InvalidInputException(files + " files describe " + files + " nodes; --nodes " + nodes
                    + " is for one file");
        }
    }

    /**
     * One node as read from its file: nodes and links with the file's own ids, each NIC's network
     * ports (GB/s), its GPU count, and what was assumed (line → times).
     */
    record NodeModel(String file, List<Node> nodes, List<Link> links, Map<String, List<Rational>> nicPorts, int gpus,
                     Map<String, Integer> assumed) {
    }

    // ---------------------------------------------------------------- defaults

    /** NVLink GB/s per link per direction by sm, with what it is. */
    private static final Map<Integer, Object[]> NVLINK = new TreeMap<>(Map.of(
            60, new Object[] {Rational.of(20), "NVLink1 (P100)"},
            70, new Object[] {Rational.of(25), "NVLink2 (V100)"},
            80, new Object[] {Rational.of(25), "NVLink3 (A100)"},
            86, new Object[] {Rational.parse("225/16"), "NVLink3 bridge (A40/RTX 3090: 112.5 GB/s both ways over 4 links)"},
            90, new Object[] {Rational.of(25), "NVLink4 (H100)"},
            100, new Object[] {Rational.of(50), "NVLink5 (B200)"}));
    private static final Rational DEFAULT_NVLINK = Rational.of(25);

    /**
     * PCIe GB/s per lane per direction from the transfer rate: Gen1/2 8b/10b, Gen3-5 128b/130b.
     */
    static Rational pcieLane(String gtPerS) {
        return switch (gtPerS) {
            case "2.5" -> Rational.of(1, 4);
            case "5" -> Rational.of(1, 2);
            case "8" -> Rational.of(64, 65);
            case "16" -> Rational.of(128, 65);
            case "32" -> Rational.of(256, 65);
            case "64" -> Rational.parse("121/16");
            default -> null;
        };
    }

    private static final class Builder {
        private final String file;
        private final Map<String, Integer> assumed = new LinkedHashMap<>();
        private final Set<String> ignored = new LinkedHashSet<>();
        // One node's model, built once and copied.
        private final List<Node> nodes = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();
        /** NIC node id → its port speeds (GB/s). */
        private final Map<String, List<Rational>> nicPorts = new LinkedHashMap<>();
        /** pci busid → node id (GPUs, bridges, NICs), for NVLink targets. */
        private final Map<String, String> byBusId = new LinkedHashMap<>();
        private final Map<String, Rational> gpuToNvswitch = new LinkedHashMap<>();
        /** Unordered GPU pairs with NVLinks: "a|b" → bandwidth. */
        private final Map<String, Rational> gpuPairs = new LinkedHashMap<>();
        private final List<String[]> pendingNvlinks = new ArrayList<>();
        private int nics;
        private int cpus;
        private final Set<String> gpuIds = new java.util.HashSet<>();

        Builder(String file) {
            this.file = file;
        }

        private void assume(String line) {
            assumed.merge(line, 1, Integer::sum);
        }

        NodeModel build(Document doc) throws InvalidInputException {
            Element root = doc.getDocumentElement();
            if (!root.getTagName().equals("system")) {
                throw new InvalidInputException(file + ": root element <" + clip(root.getTagName())
                        + "> is not <system> (not an NCCL topology file)");
            }
            List<String> cpuIds = new ArrayList<>();
            List<String[]> cpuInfo = new ArrayList<>();
            for (Element cpu : children(root)) {
                if (!cpu.getTagName().equals("cpu")) {
                    ignored.add(cpu.getTagName());
                    continue;
                }
                String numa = cpu.getAttribute("numaid");
                String id = "cpu" + (numa.isEmpty() ? String.valueOf(cpus) : numa);
                String where = "cpu" + (numa.isEmpty() ? " #" + cpus : " numaid=" + numa);
                if (!numa.isEmpty() && !numa.matches("-?\\d{1,6}")) {
                    throw new InvalidInputException(where + ": numaid " + quote(numa) + " is not a number");
                }
                cpus++;
                int before = links.size();
                int beforeNodes = nodes.size();
                nodes.add(new Node(id, NodeKind.SWITCH, "CPU " + (numa.isEmpty() ? cpus - 1 : numa)
                        + label(cpu.getAttribute("vendor"), cpu.getAttribute("arch")), null, null, null));
                for (Element e : children(cpu)) {
                    device(e, id, where);
                }
                if (links.size() == before && nicPortsOf(beforeNodes) == 0) {
                    nodes.remove(beforeNodes); // a CPU with no GPU or NIC below it forwards nothing we model
                    assume("CPUs with no GPU or NIC below them are left out");
                } else {
                    cpuIds.add(id);
                    cpuInfo.add(new String[] {cpu.getAttribute("arch"), cpu.getAttribute("vendor"),
                            cpu.getAttribute("familyid")});
                }
            }
            if (cpus == 0) {
                throw new InvalidInputException(file + ": no <cpu> elements under <system>");
            }
            long gpuCount = nodes.stream().filter(Node::isAccelerator).count();
            if (gpuCount == 0) {
                throw new InvalidInputException(file + ": no <gpu> elements: nothing to import");
            }
            // NVLinks, now that every GPU's bus id is known.
            for (String[] nv : pendingNvlinks) {
                nvlink(nv);
            }
            if (!gpuToNvswitch.isEmpty()) {
                nodes.add(new Node("nvs", NodeKind.SWITCH, "NVSwitch", null, null, null));
                for (Map.Entry<String, Rational> e : gpuToNvswitch.entrySet()) {
                    links.add(Link.duplex(e.getKey(), "nvs", e.getValue()));
                }
                assume("all NVSwitch chips (NVLink targets of class " + NVSWITCH_CLASS + ") are one NVSwitch node"
                        + " \"nvs\": each GPU reaches it with the sum of its NVLinks to NVSwitches");
            }
            for (Map.Entry<String, Rational> e : gpuPairs.entrySet()) {
                String[] ab = e.getKey().split("\\|", 2);
                links.add(Link.duplex(ab[0], ab[1], e.getValue()));
            }
            // CPU interconnect: a full mesh at NCCL's model bandwidth.
            long meshLinks = (long) cpuIds.size() * (cpuIds.size() - 1) / 2;
            if (links.size() + meshLinks > MAX_TOTAL_LINKS) {
                throw new InvalidInputException(file + ": " + cpuIds.size() + " CPUs joined in a full mesh make "
                        + (links.size() + meshLinks) + " links, more than the " + MAX_TOTAL_LINKS + " an import may have");
            }
            for (int i = 0; i < cpuIds.size(); i++) {
                for (int j = i + 1; j < cpuIds.size(); j++) {
                    Object[] bw = cpuLink(cpuInfo.get(i));
                    links.add(Link.duplex(cpuIds.get(i), cpuIds.get(j), (Rational) bw[0]));
                    assume("CPU-to-CPU link: " + bw[0] + " GB/s per direction (" + bw[1] + ")");
                }
            }
            if (!ignored.isEmpty()) {
                assume("ignored elements: " + String.join(", ", ignored));
            }
            return model((int) gpuCount);
        }

        private int nicPortsOf(int fromNode) {
            int c = 0;
            for (int i = fromNode; i < nodes.size(); i++) {
                if (nicPorts.containsKey(nodes.get(i).id())) {
                    c++;
                }
            }
            return c;
        }

        /** A child of a cpu or pci element. Returns true when it holds a GPU or a NIC. */
        private boolean device(Element e, String parent, String where) throws InvalidInputException {
            switch (e.getTagName()) {
                case "pci" -> {
                    return pci(e, parent, where);
                }
                case "nic" -> {
                    // A NIC straight under a CPU (no PCIe details): linked at its ports' speed.
                    String id = "nic" + nics++;
                    List<String> devs = new ArrayList<>();
                    List<Rational> ports = nets(e, "nic #" + (nics - 1) + " in " + where, devs);
                    Rational sum = Rational.ZERO;
                    for (Rational p : ports) {
                        sum = sum.add(p);
                    }
                    if (ports.isEmpty()) {
                        return false;
                    }
                    nodes.add(new Node(id, NodeKind.SWITCH, "NIC " + (nics - 1) + netDevs(devs), null, null, null));
                    nicPorts.put(id, ports);
                    links.add(Link.duplex(parent, id, sum));
                    assume("NICs without a <pci> element reach their CPU at the sum of their port speeds");
                    return true;
                }
                default -> {
                    ignored.add(e.getTagName());
                    return false;
                }
            }
        }

        private boolean pci(Element pci, String parent, String where) throws InvalidInputException {
            String bus = pci.getAttribute("busid");
            String here = "pci " + (bus.isEmpty() ? "(no busid) in " + where : clip(bus));
            if (bus.isEmpty()) {
                throw new InvalidInputException(here + ": no busid attribute");
            }
            if (byBusId.containsKey(bus.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(here + ": busid appears twice");
            }
            String cls = pci.getAttribute("class").toLowerCase(Locale.ROOT);
            if (cls.equals(NVSWITCH_CLASS)) {
                byBusId.put(bus.toLowerCase(Locale.ROOT), "nvs");
                return false;
            }
            Element gpu = null;
            Element nic = null;
            List<Element> sub = new ArrayList<>();
            for (Element c : children(pci)) {
                switch (c.getTagName()) {
                    case "gpu" -> {
                        if (gpu != null) {
                            throw new InvalidInputException(here + ": more than one <gpu>");
                        }
                        gpu = c;
                    }
                    case "nic" -> {
                        if (nic != null) {
                            throw new InvalidInputException(here + ": more than one <nic>");
                        }
                        nic = c;
                    }
                    case "pci" -> sub.add(c);
                    default -> ignored.add(c.getTagName());
                }
            }
            if (gpu != null && nic != null) {
                throw new InvalidInputException(here + ": both a <gpu> and a <nic>");
            }
            String id;
            if (gpu != null) {
                id = gpu(gpu, bus, here);
            } else if (nic != null) {
                id = "nic" + nics++;
                List<String> devs = new ArrayList<>();
                List<Rational> ports = nets(nic, "nic in " + here, devs);
                nodes.add(new Node(id, NodeKind.SWITCH, "NIC " + (nics - 1) + " (" + bus + ")" + netDevs(devs),
                        null, null, null));
                nicPorts.put(id, ports);
            } else if (!sub.isEmpty()) {
                id = "pci" + shortBus(bus);
                int mark = nodes.size();
                int linkMark = links.size();
                nodes.add(new Node(id, NodeKind.SWITCH, "PCIe switch " + bus, null, null, null));
                boolean any = false;
                for (Element c : sub) {
                    any |= pci(c, id, here);
                }
                if (!any) {
                    while (nodes.size() > mark) {
                        nodes.remove(nodes.size() - 1);
                    }
                    while (links.size() > linkMark) {
                        links.remove(links.size() - 1);
                    }
                    assume("PCIe bridges with no GPU or NIC below them are left out");
                    return false;
                }
                if (!cls.isEmpty() && !cls.startsWith("0x0604")) {
                    assume("PCI devices with devices below them are taken as PCIe switches whatever their class");
                }
            } else {
                assume("PCI devices other than GPUs, NICs and bridges (e.g. storage) are left out");
                return false;
            }
            byBusId.put(bus.toLowerCase(Locale.ROOT), id);
            links.add(Link.duplex(parent, id, pcieBandwidth(pci, here)));
            if (gpu != null || nic != null) {
                for (Element c : sub) {
                    pci(c, id, here);
                }
            }
            return true;
        }

        private String gpu(Element gpu, String bus, String where) throws InvalidInputException {
            String dev = gpu.getAttribute("dev");
            String here = "gpu" + (dev.isEmpty() ? " in " + where : " dev=" + clip(dev));
            if (dev.isEmpty()) {
                throw new InvalidInputException(here + ": no dev attribute");
            }
            int d = integer(dev, here, "dev");
            String id = "gpu" + d;
            if (!gpuIds.add(id)) {
                throw new InvalidInputException(here + ": dev " + d + " appears twice");
            }
            String sm = gpu.getAttribute("sm");
            if (sm.isEmpty()) {
                throw new InvalidInputException(here + ": no sm attribute (the GPU generation)");
            }
            int s = integer(sm, here, "sm");
            String rank = gpu.getAttribute("rank");
            if (!rank.isEmpty()) {
                integer(rank, here, "rank");
            }
            nodes.add(new Node(id, NodeKind.ACCELERATOR, "GPU " + d + " (" + bus + ", sm " + s + ")", null, null, null));
            for (Element c : children(gpu)) {
                if (!c.getTagName().equals("nvlink")) {
                    ignored.add(c.getTagName());
                    continue;
                }
                String nv = "nvlink in " + here;
                String target = c.getAttribute("target");
                if (target.isEmpty()) {
                    throw new InvalidInputException(nv + ": no target attribute");
                }
                String count = c.getAttribute("count");
                int k = count.isEmpty() ? 1 : integer(count, nv, "count");
                if (count.isEmpty()) {
                    assume("NVLinks without a count are one link");
                }
                if (k < 1) {
                    throw new InvalidInputException(nv + ": count " + k + " is not positive");
                }
                pendingNvlinks.add(new String[] {id, target.toLowerCase(Locale.ROOT),
                        c.getAttribute("tclass").toLowerCase(Locale.ROOT), Integer.toString(k), Integer.toString(s),
                        nv});
            }
            return id;
        }

        private void nvlink(String[] nv) throws InvalidInputException {
            String gpu = nv[0];
            String target = nv[1];
            String tclass = nv[2];
            int count = Integer.parseInt(nv[3]);
            int sm = Integer.parseInt(nv[4]);
            Object[] speed = NVLINK.get(sm);
            Rational perLink;
            if (speed == null) {
                perLink = DEFAULT_NVLINK;
                assume("sm " + sm + ": unknown GPU generation, NVLinks taken as 25 GB/s per link per direction");
            } else {
                perLink = (Rational) speed[0];
                assume("sm " + sm + ": " + speed[1] + ", " + perLink + " GB/s per NVLink per direction");
            }
            Rational bw = perLink.multiply(count);
            String other = byBusId.get(target);
            if (tclass.equals(NVSWITCH_CLASS) || "nvs".equals(other)) {
                gpuToNvswitch.merge(gpu, bw, Rational::add);
                return;
            }
            if (other == null) {
                throw new InvalidInputException(nv[5] + ": target " + quote(target) + " is no GPU or device in the file"
                        + " (and tclass " + quote(tclass) + " is not an NVSwitch's " + NVSWITCH_CLASS + ")");
            }
            if (other.equals(gpu)) {
                throw new InvalidInputException(nv[5] + ": target " + quote(target) + " is the GPU itself");
            }
            if (other.startsWith("gpu")) {
                // Both GPUs list the link: keep it once.
                String key = gpu.compareTo(other) < 0 ? gpu + "|" + other : other + "|" + gpu;
                Rational prev = gpuPairs.get(key);
                if (prev == null) {
                    gpuPairs.put(key, bw);
                    assume("NVLinks between two GPUs are listed by both; each pair is one duplex link");
                } else if (!prev.equals(bw) && gpu.compareTo(other) > 0) {
                    gpuPairs.put(key, prev.min(bw));
                    assume("GPU pairs whose two NVLink counts differ get the smaller");
                }
                return;
            }
            // NVLink to a CPU (POWER9) or another device.
            links.add(Link.duplex(gpu, other, bw));
        }

        /**
         * The label's note of NCCL's network device numbers (net dev), by which a graph dump names the
         * NIC ({@code <net dev>} in NCCL_GRAPH_DUMP_FILE; see NcclGraphSchedule).
         */
        private static String netDevs(List<String> devs) {
            return devs.isEmpty() ? "" : " net dev " + String.join(",", devs);
        }

        private List<Rational> nets(Element nic, String where, List<String> devs) throws InvalidInputException {
            List<Rational> ports = new ArrayList<>();
            for (Element net : children(nic)) {
                if (!net.getTagName().equals("net")) {
                    ignored.add(net.getTagName());
                    continue;
                }
                String name = net.getAttribute("name");
                String here = "net" + (name.isEmpty() ? "" : " " + clip(name)) + " in " + where;
                String speed = net.getAttribute("speed");
                if (speed.isEmpty()) {
                    throw new InvalidInputException(here + ": no speed attribute (Mb/s)");
                }
                long mbps = integer(speed, here, "speed");
                if (mbps <= 0) {
                    throw new InvalidInputException(here + ": speed " + mbps + " is not positive");
                }
                for (String attr : List.of("dev", "port", "maxconn", "gdr")) {
                    String v = net.getAttribute(attr);
                    if (!v.isEmpty()) {
                        int value = integer(v, here, attr);
                        if (attr.equals("dev")) {
                            devs.add(Integer.toString(value));
                        }
                    }
                }
                ports.add(Rational.of(mbps, 8000));
                assume("NIC ports: speed in Mb/s / 8000 = GB/s per direction");
            }
            if (ports.isEmpty()) {
                throw new InvalidInputException(where + ": no <net> port");
            }
            return ports;
        }

        private Rational pcieBandwidth(Element pci, String where) throws InvalidInputException {
            String speed = pci.getAttribute("link_speed").strip();
            String width = pci.getAttribute("link_width").strip();
            int lanes;
            if (width.isEmpty()) {
                lanes = 16;
                assume("PCIe links without link_width are taken as x16");
            } else {
                lanes = integer(width, where, "link_width");
                if (lanes < 1 || lanes > 64) {
                    throw new InvalidInputException(where + ": link_width " + lanes + " is not a PCIe width");
                }
            }
            Rational lane = null;
            String gt = null;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*GT/s.*").matcher(speed);
            if (m.matches()) {
                gt = new java.math.BigDecimal(m.group(1)).stripTrailingZeros().toPlainString();
                lane = pcieLane(gt);
                if (lane == null) {
                    throw new InvalidInputException(where + ": link_speed " + quote(speed)
                            + " is not a PCIe rate (2.5, 5, 8, 16, 32 or 64 GT/s)");
                }
            } else if (speed.isEmpty() || speed.equalsIgnoreCase("Unknown")) {
                gt = "8";
                lane = pcieLane(gt);
                assume("PCIe links with an unknown link_speed are taken as Gen3 (8 GT/s)");
            } else {
                throw new InvalidInputException(where + ": link_speed " + quote(speed) + " is not like \"16.0 GT/s PCIe\"");
            }
            Rational bw = lane.multiply(lanes);
            assume("PCIe " + gt + " GT/s x" + lanes + ": " + lane + " GB/s per lane per direction after encoding, "
                    + bw + " ≈ " + String.format(Locale.ROOT, "%.2f", bw.toDouble()) + " GB/s");
            return bw;
        }

        private Object[] cpuLink(String[] info) {
            String arch = info[0].toLowerCase(Locale.ROOT);
            String vendor = info[1];
            if (arch.equals("x86_64") && vendor.equals("AuthenticAMD")) {
                return new Object[] {Rational.of(16), "NCCL's AMD_BW for AMD CPUs"};
            }
            if (arch.equals("x86_64") && vendor.equals("GenuineIntel")) {
                return new Object[] {Rational.of(10), "NCCL's SKL_QPI_BW for Intel CPUs since Skylake"};
            }
            if (arch.equals("ppc64")) {
                return new Object[] {Rational.of(32), "NCCL's P9_BW for POWER9"};
            }
            if (arch.equals("arm64")) {
                return new Object[] {Rational.of(6), "NCCL's ARM_BW"};
            }
            return new Object[] {Rational.of(6), "NCCL's QPI_BW, for an unknown CPU"};
        }

        private NodeModel model(int gpus) {
            return new NodeModel(file, nodes, links, nicPorts, gpus, assumed);
        }

        private String label(String vendor, String arch) {
            String s = (vendor + " " + arch).strip();
            return s.isEmpty() ? "" : " (" + s + ")";
        }
    }

    // ---------------------------------------------------------------- helpers

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList list = e.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    static int integer(String text, String where, String attribute) throws InvalidInputException {
        String t = text.strip();
        try {
            if (!t.chars().allMatch(c -> c < 128)) {
                throw new NumberFormatException("ASCII digits only");
            }
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Integer.parseInt(t.substring(2), 16);
            }
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": " + attribute + " " + quote(text) + " is not a number");
        }
    }

    private static String shortBus(String bus) {
        String b = bus.toLowerCase(Locale.ROOT);
        return b.startsWith("0000:") ? b.substring(5) : b;
    }

    static String quote(String s) {
        return "\"" + clip(s) + "\"";
    }

    static String clip(String s) {
        return Messages.escape(Messages.clip(s, 60));
    }
}
