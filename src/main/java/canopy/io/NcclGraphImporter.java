package canopy.io;

import canopy.io.HardenedXml;
import canopy.model.NcclGraph;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads an NCCL graph dump ({@code NCCL_GRAPH_DUMP_FILE}): {@code <graphs version>} / {@code <graph id
 * pattern crossnic nchannels speedintra speedinter …>} / {@code <channel>} / {@code <net dev>},
 * {@code <gpu dev rank>}, as NVIDIA/nccl src/graph/search.cc writes it ({@code ncclTopoGetXmlFromGraphs})
 * and reads it back ({@code ncclTopoGetGraphFromXml}). Like NCCL, {@code dev} is read as hexadecimal
 * ({@code strtol(str, NULL, 16)}: NCCL writes it with {@code "%#lx"}, so "0x3" and "0" both occur) and
 * {@code id}, {@code pattern}, {@code crossnic} and {@code nchannels} are required.
 *
 * <p>This class checks the file's shape only; which GPUs and NICs it names is checked against a
 * topology where the channels become a schedule ({@code canopy.engine.NcclGraphSchedule}). The file is
 * parsed by {@link HardenedXml}; every bad value is refused naming its element.
 */
public final class NcclGraphImporter {
    /** NCCL's MAXCHANNELS (src/include/device.h). */
    public static final int MAX_CHANNELS = 64;
    /** GPUs a channel may list: NCCL_TOPO_MAX_NODES (src/graph/topo.h). */
    public static final int MAX_GPUS = 256;
    /** NCCL_TOPO_ID keeps the system id in the top 8 bits of a device id. */
    private static final long LOCAL_ID_MASK = (1L << 56) - 1;

    private NcclGraphImporter() {
    }

    public static List<NcclGraph> read(Path file, long maxBytes) throws InvalidInputException, NoSuchFileException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return parse(HardenedXml.parse(file, maxBytes), name);
    }

    public static List<NcclGraph> parse(byte[] xml, String name) throws InvalidInputException {
        return parse(HardenedXml.parse(xml, name), name);
    }

    private static List<NcclGraph> parse(Document doc, String file) throws InvalidInputException {
        Element root = doc.getDocumentElement();
        if (root.getTagName().equals("system")) {
            throw new InvalidInputException(file + ": root element <system> is an NCCL topology file, not a graph dump"
                    + " (import it with 'canopy import nccl-xml')");
        }
        if (!root.getTagName().equals("graphs")) {
            throw new InvalidInputException(file + ": root element <" + NcclTopologyImporter.clip(root.getTagName())
                    + "> is not <graphs> (not an NCCL graph dump)");
        }
        List<NcclGraph> graphs = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        int index = 0;
        for (Element g : NcclTopologyImporter.children(root)) {
            if (!g.getTagName().equals("graph")) {
                throw new InvalidInputException(file + ": <" + NcclTopologyImporter.clip(g.getTagName())
                        + "> under <graphs> is not a <graph>");
            }
            String where = "graph #" + index++;
            int id = required(g, "id", where);
            where = "graph id=" + id;
            if (!ids.add(id)) {
                throw new InvalidInputException(where + ": id appears twice");
            }
            int pattern = required(g, "pattern", where);
            int crossNic = required(g, "crossnic", where);
            int nChannels = required(g, "nchannels", where);
            for (String attr : List.of("speedintra", "speedinter", "latencyinter")) {
                String v = g.getAttribute(attr).strip();
                if (!v.isEmpty() && !v.matches("[0-9]{1,12}(\\.[0-9]{0,12})?")) {
                    throw new InvalidInputException(where + ": " + attr + " " + NcclTopologyImporter.quote(v)
                            + " is not a number");
                }
            }
            List<NcclGraph.Channel> channels = new ArrayList<>();
            for (Element ch : NcclTopologyImporter.children(g)) {
                String here = where + " channel " + channels.size();
                if (!ch.getTagName().equals("channel")) {
                    throw new InvalidInputException(where + ": <" + NcclTopologyImporter.clip(ch.getTagName())
                            + "> is not a <channel>");
                }
                if (channels.size() == MAX_CHANNELS) {
                    throw new InvalidInputException(where + ": more than " + MAX_CHANNELS + " channels (NCCL's MAXCHANNELS)");
                }
                channels.add(channel(ch, here));
            }
            if (nChannels != channels.size()) {
                throw new InvalidInputException(where + ": nchannels=" + nChannels + " but " + channels.size()
                        + " <channel> elements");
            }
            graphs.add(new NcclGraph(id, pattern, crossNic, nChannels, channels));
        }
        if (graphs.isEmpty()) {
            throw new InvalidInputException(file + ": no <graph> under <graphs>");
        }
        return graphs;
    }

    private static NcclGraph.Channel channel(Element ch, String where) throws InvalidInputException {
        List<Long> nets = new ArrayList<>();
        List<Integer> gpus = new ArrayList<>();
        for (Element e : NcclTopologyImporter.children(ch)) {
            String tag = e.getTagName();
            if (!tag.equals("net") && !tag.equals("gpu")) {
                throw new InvalidInputException(where + ": <" + NcclTopologyImporter.clip(tag) + "> is not <net> or <gpu>");
            }
            String dev = e.getAttribute("dev");
            String here = where + ": " + tag + (dev.isEmpty() ? "" : " dev=" + NcclTopologyImporter.quote(dev));
            if (dev.isEmpty()) {
                throw new InvalidInputException(here + " has no dev attribute");
            }
            long d = hex(dev, here);
            if (tag.equals("net")) {
                if (nets.size() == 2) {
                    throw new InvalidInputException(here + ": a channel has at most two <net> (in and out)");
                }
                nets.add(d);
            } else {
                if (!e.getAttribute("rank").isEmpty()) {
                    NcclTopologyImporter.integer(e.getAttribute("rank"), here, "rank");
                }
                if (gpus.size() == MAX_GPUS) {
                    throw new InvalidInputException(here + ": more than " + MAX_GPUS + " GPUs in a channel");
                }
                gpus.add((int) d);
            }
        }
        if (gpus.isEmpty()) {
            throw new InvalidInputException(where + ": no <gpu>");
        }
        if (nets.size() == 1) {
            throw new InvalidInputException(where + ": one <net>; a channel enters and leaves a node through two");
        }
        return new NcclGraph.Channel(nets, gpus);
    }

    /** strtol(s, NULL, 16) as NCCL reads dev, refusing what strtol would silently cut short. */
    private static long hex(String text, String where) throws InvalidInputException {
        String t = text.strip();
        String digits = t.startsWith("0x") || t.startsWith("0X") ? t.substring(2) : t;
        if (!digits.matches("[0-9a-fA-F]{1,16}")) {
            throw new InvalidInputException(where + ": dev is not a hexadecimal number");
        }
        long v = Long.parseUnsignedLong(digits, 16);
        long local = v & LOCAL_ID_MASK;
        if (local > Integer.MAX_VALUE) {
            throw new InvalidInputException(where + ": dev is out of range");
        }
        return local;
    }

    private static int required(Element e, String attr, String where) throws InvalidInputException {
        String v = e.getAttribute(attr);
        if (v.isEmpty()) {
            throw new InvalidInputException(where + ": no " + attr + " attribute");
        }
        return NcclTopologyImporter.integer(v, where, attr);
    }
}
