package canopy.model;

import java.util.List;

/**
 * One {@code <graph>} of an NCCL graph dump ({@code NCCL_GRAPH_DUMP_FILE}), as NVIDIA/nccl
 * src/graph/search.cc ({@code ncclTopoGetXmlFromGraph}, {@code ncclTopoGetGraphFromXmlSub}) writes and
 * reads it: the search's purpose ({@code id}: 0 ring, 1 tree, 2 CollNet chain, 3 NVLS, 4 CollNet
 * direct), its {@code pattern} (graph.h: 1 balanced tree, 2 split tree, 3 tree, 4 ring, 5 NVLS, 6
 * CollNet direct), {@code crossnic}, and the channels in file order.
 */
public record NcclGraph(int id, int pattern, int crossNic, int nChannels, List<Channel> channels) {
    public static final int PATTERN_BALANCED_TREE = 1;
    public static final int PATTERN_SPLIT_TREE = 2;
    public static final int PATTERN_TREE = 3;
    public static final int PATTERN_RING = 4;
    public static final int PATTERN_NVLS = 5;
    public static final int PATTERN_COLLNET_DIRECT = 6;

    public NcclGraph {
        channels = List.copyOf(channels);
    }

    /**
     * One {@code <channel>}: the GPUs of one node in channel order ({@code intra}: the first receives
     * from the previous node, the last sends to the next) by their {@code dev}, and the network devices
     * ({@code inter}: {@code inter[0]} where the channel enters the node, {@code inter[1]} where it
     * leaves), empty when the dump came from a single node.
     */
    public record Channel(List<Long> nets, List<Integer> gpus) {
        public Channel {
            nets = List.copyOf(nets);
            gpus = List.copyOf(gpus);
        }
    }

    /** NCCL's name of a pattern, as in graph.h. */
    public static String patternName(int pattern) {
        return switch (pattern) {
            case PATTERN_BALANCED_TREE -> "BALANCED_TREE";
            case PATTERN_SPLIT_TREE -> "SPLIT_TREE";
            case PATTERN_TREE -> "TREE";
            case PATTERN_RING -> "RING";
            case PATTERN_NVLS -> "NVLS";
            case PATTERN_COLLNET_DIRECT -> "COLLNET_DIRECT";
            default -> "unknown";
        };
    }

    public boolean isRing() {
        return pattern == PATTERN_RING;
    }

    public boolean isTree() {
        return pattern == PATTERN_BALANCED_TREE || pattern == PATTERN_SPLIT_TREE || pattern == PATTERN_TREE;
    }
}
