package canopy.io.msccl;

import canopy.engine.SizeRange;
import canopy.io.InvalidInputException;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;

/**
 * Exports a schedule (forest, ring or double binary tree; allgather, reduce-scatter or allreduce) as an
 * MSCCL algorithm XML file, the format the MSCCL runtime in NCCL (msccl-executor-nccl) and RCCL executes.
 * Pure: schedule + topology + options in, XML text out. A compiler in three parts: {@link MscclCompiler}
 * (chunking, channels, matching, dependency order) builds an {@link MscclProgram} (GPUs, threadblocks,
 * steps, dependencies), {@link MscclProgram#check} verifies it, and {@link MscclXmlWriter} writes it.
 *
 * <p><b>Ranks.</b> GPU rank i is the i-th accelerator of the topology file.
 *
 * <p><b>Chunks.</b> Each GPU's shard (1/N of the buffer) is cut into C chunks, C the least common multiple
 * of the share denominators, so that every tree carries a whole number of contiguous chunks (for whole-
 * buffer reduce/broadcast trees, share × N × C chunks). When that C exceeds {@link Options#maxChunks()}
 * (or the runtime's 16-bit chunk offsets), C is the cap and every root's shares are apportioned to the
 * grid by largest remainder, so that every chunk still belongs to exactly one tree; the largest deviation
 * is stated in the algo's name and in {@link Result#maxDeviation()}. A tree's chunks move as steps of at
 * most {@value #MAX_COUNT} chunks (the runtime's count limit).
 *
 * <p><b>Steps.</b> Out-trees (allgather, broadcast): the root sends, a leaf receives ({@code r}), an inner
 * node receives and forwards ({@code rcs} to one child, plain sends from the output to the others). In-
 * trees (reduce-scatter, reduce): a leaf sends its contribution, an inner node receives from each child,
 * reducing into a scratch accumulator ({@code rrc}), and forwards with a final {@code rrs}; the root
 * reduces into its output chunk. Allreduce runs the reduce-scatter (or reduce) trees, then the allgather
 * (or broadcast) trees, whose root sends depend on the reductions that produced their chunks.
 *
 * <p><b>Threadblocks and channels.</b> Each tree is given a channel (round robin over K channels); on
 * each GPU and channel the peers a GPU sends to and receives from are paired by a greedy maximum-weight
 * matching (weight: how many fused receive-and-forward steps the pair allows), and every pair or unpaired
 * peer is one threadblock, so a threadblock has at most one send and one receive peer and each (peer,
 * channel) connection is served by exactly one threadblock. K is the least number of channels for which
 * every limit holds: steps per threadblock, threadblocks per GPU, {@value #MAX_PEERS_PER_CHANNEL} send
 * and receive peers per channel, XML elements per rank; otherwise export fails with the reason.
 *
 * <p><b>Order and dependencies.</b> Every step has a global key (stage, tree, piece, level in its tree —
 * depth for out-trees, minus the distance to the root for in-trees —, position); each threadblock runs
 * its steps in key order, so the order of sends on a connection equals the order of receives at the
 * other end, and every step depends only on steps with smaller keys, so the pending step with the least
 * key can always run: no deadlock, even when a connection buffers a single message (tree-major order: a
 * message still in a FIFO belongs to the same tree, whose receiver is next). A step that uses data
 * produced by another threadblock of its GPU names it in depid/deps (several producers: one nop per extra
 * dependency before it, as the runtime expects) and the producing step has hasdep="1".
 *
 * <p>The file declares inplace="1" and outofplace="1": inputs are read only before any step of the GPU
 * can overwrite them (the test interpreter checks both layouts).
 */
public final class MscclXmlExporter {
    /** Largest cnt of one step: the runtime requires cnt &lt; MSCCL_MAX_COUNT = 72. */
    public static final int MAX_COUNT = 71;
    /** Chunk offsets are 16-bit in the runtime. */
    public static final int MAX_OFFSET = 32767;
    /** MSCCL_MAX_NUM_THREAD_BLOCKS_PER_CHANNEL: send (and receive) peers per channel on one GPU. */
    public static final int MAX_PEERS_PER_CHANNEL = 32;
    /** MAXCHANNELS of NCCL. */
    public static final int MAX_CHANNELS = 32;
    /**
     * The most XML elements one rank's part of the file may hold (algo + gpus + this rank's tbs and
     * steps): the runtime parser's node table has 4096 slots and fills one more than it parses
     * (msccl-executor-nccl), so 4,095 fit and 4,096 do not.
     */
    public static final int MAX_XML_NODES_PER_RANK = 4095;
    /** A threadblock's index is written to depid, an int8 in the runtime: at most 128 per GPU (0..127). */
    public static final int MAX_THREADBLOCKS = 128;

    /** The MSCCL protocols. */
    public enum Protocol {
        SIMPLE("Simple"), LL("LL"), LL128("LL128");

        private final String xmlName;

        Protocol(String xmlName) {
            this.xmlName = xmlName;
        }

        public String xmlName() {
            return xmlName;
        }

        /** Simple, LL or LL128 (case-insensitive), or null. */
        public static Protocol fromName(String s) {
            for (Protocol p : values()) {
                if (p.xmlName.equalsIgnoreCase(s)) {
                    return p;
                }
            }
            return null;
        }
    }

    /**
     * Export options. maxStepsPerThreadblock: MSCCL_MAX_NUM_STEPS of the target runtime (64 in
     * msccl-executor-nccl, 256 in some builds); maxChunks caps the chunks per shard.
     */
    public record Options(Protocol proto, int maxThreadblocks, int maxChannels, int maxChunks,
                          int maxStepsPerThreadblock) {
        public Options {
            if (proto == null) {
                throw new IllegalArgumentException("protocol missing");
            }
            if (maxThreadblocks < 1 || maxThreadblocks > MAX_THREADBLOCKS) {
                throw new IllegalArgumentException("max threadblocks must be 1 to " + MAX_THREADBLOCKS
                        + " (depid is an int8 in the runtime), not " + maxThreadblocks);
            }
            if (maxChannels < 1 || maxChannels > MAX_CHANNELS) {
                throw new IllegalArgumentException("max channels must be 1 to " + MAX_CHANNELS + ", not "
                        + maxChannels);
            }
            if (maxChunks < 1) {
                throw new IllegalArgumentException("max chunks must be positive, not " + maxChunks);
            }
            if (maxStepsPerThreadblock < 2) {
                throw new IllegalArgumentException("max steps per threadblock must be at least 2, not "
                        + maxStepsPerThreadblock);
            }
        }

        public static Options defaults() {
            return new Options(Protocol.SIMPLE, 108, MAX_CHANNELS, 1024, 64);
        }

        public Options withProto(Protocol p) {
            return new Options(p, maxThreadblocks, maxChannels, maxChunks, maxStepsPerThreadblock);
        }

        public Options withMaxThreadblocks(int n) {
            return new Options(proto, n, maxChannels, maxChunks, maxStepsPerThreadblock);
        }

        public Options withMaxChannels(int n) {
            return new Options(proto, maxThreadblocks, n, maxChunks, maxStepsPerThreadblock);
        }

        public Options withMaxChunks(int n) {
            return new Options(proto, maxThreadblocks, maxChannels, n, maxStepsPerThreadblock);
        }

        public Options withMaxStepsPerThreadblock(int n) {
            return new Options(proto, maxThreadblocks, maxChannels, maxChunks, n);
        }
    }

    /**
     * The exported file and its figures. maxDeviation: the largest |chunks / chunk total − share| over the
     * trees (zero when exact); droppedTrees: trees left with no chunk by the rounding; steps: step elements
     * (nops included) over all GPUs.
     */
    public record Result(String xml, String name, int gpus, int chunksPerShard, int chunksPerLoop, boolean exact,
                         Rational maxDeviation, int droppedTrees, int channels, int maxThreadblocksPerGpu,
                         int maxStepsInThreadblock, int steps, int scratchChunks) {
    }

    private MscclXmlExporter() {
    }

    /**
     * The MSCCL XML of schedule s on topology t: {@link MscclCompiler} builds and checks the program,
     * {@link MscclXmlWriter} writes it.
     */
    public static Result export(Schedule s, Topology t, Options o) throws InvalidInputException {
        return export(s, t, o, SizeRange.ALL);
    }

    /**
     * The same for the message sizes of range only (the file's minBytes and maxBytes; see
     * {@link MscclXmlWriter}): the runtime picks, among the files it loaded, one whose range holds the
     * message. range must not be [0, 1), which the runtime's attributes cannot state.
     */
    public static Result export(Schedule s, Topology t, Options o, SizeRange range) throws InvalidInputException {
        return result(MscclCompiler.compile(s, t, o), range);
    }

    /** The file of a compiled program for range, with its figures. */
    static Result result(MscclProgram program, SizeRange range) {
        String xml = MscclXmlWriter.write(program, range);
        int steps = 0;
        int maxTbs = 0;
        int maxSteps = 0;
        int maxScratch = 0;
        for (MscclProgram.Gpu g : program.gpus()) {
            maxScratch = Math.max(maxScratch, g.scratchChunks());
            maxTbs = Math.max(maxTbs, g.threadblocks().size());
            for (MscclProgram.Threadblock tb : g.threadblocks()) {
                steps += tb.steps().size();
                maxSteps = Math.max(maxSteps, tb.steps().size());
            }
        }
        return new Result(xml, program.name(), program.gpus().size(), program.chunksPerShard(),
                program.chunksPerLoop(), program.exact(), program.maxDeviation(), program.droppedTrees(),
                program.channels(), maxTbs, maxSteps, steps, maxScratch);
    }
}
