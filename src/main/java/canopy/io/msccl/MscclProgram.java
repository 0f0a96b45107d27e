package canopy.io.msccl;

import canopy.model.Collective;
import canopy.model.Rational;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The MSCCL compiler's intermediate program: what every GPU runs, as threadblocks of steps with their
 * dependencies, before any XML is written. {@link #check} verifies what the runtime relies on, so the
 * writer only prints.
 *
 * @param name           the algo's name (ASCII, no quotes)
 * @param collective     the collective
 * @param proto          the protocol
 * @param channels       channels used
 * @param chunksPerShard chunks of one GPU's 1/N of the buffer
 * @param exact          true when every tree's share is a whole number of chunks
 * @param maxDeviation   the largest |chunks / chunk total − share| over the trees
 * @param droppedTrees   trees left with no chunk by the rounding
 * @param gpus           one per rank, in rank order
 */
public record MscclProgram(String name, Collective collective, MscclXmlExporter.Protocol proto, int channels,
                           int chunksPerShard, boolean exact, Rational maxDeviation, int droppedTrees,
                           List<Gpu> gpus) {
    public MscclProgram {
        gpus = List.copyOf(gpus);
    }

    /** One rank: its buffers' sizes in chunks and its threadblocks, in id order. */
    public record Gpu(int id, int inputChunks, int outputChunks, int scratchChunks, List<Threadblock> threadblocks) {
        public Gpu {
            threadblocks = List.copyOf(threadblocks);
        }
    }

    /** One threadblock: at most one peer it sends to and one it receives from (-1: none), on one channel. */
    public record Threadblock(int id, int send, int recv, int channel, List<Step> steps) {
        public Threadblock {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One step, run in list order within its threadblock. depId / depStep name the step of another
     * threadblock of the same GPU that must finish first (-1 / -1: none; a step with several producers is
     * preceded by one nop per extra producer); hasDep marks a step another threadblock waits for.
     */
    public record Step(String type, char srcBuf, int srcOff, char dstBuf, int dstOff, int count, int depId,
                       int depStep, boolean hasDep) {
    }

    /** Chunks of one loop: N × chunks per shard. */
    public int chunksPerLoop() {
        return gpus.size() * chunksPerShard;
    }

    /**
     * Throws IllegalStateException when the program breaks what the runtime relies on: ranks and
     * threadblock ids numbered from 0 without gaps, peers that are other ranks, channels within the
     * program's, one threadblock per (send peer, channel) and per (receive peer, channel), every
     * dependency naming an existing step of another threadblock of its GPU that is marked hasdep, and
     * every offset and count inside its buffer.
     */
    public void check() {
        int n = gpus.size();
        for (int g = 0; g < n; g++) {
            Gpu gpu = gpus.get(g);
            require(gpu.id() == g, "GPU " + gpu.id() + " at rank " + g);
            Set<Long> sends = new HashSet<>();
            Set<Long> recvs = new HashSet<>();
            List<Threadblock> tbs = gpu.threadblocks();
            for (int i = 0; i < tbs.size(); i++) {
                Threadblock tb = tbs.get(i);
                String where = "GPU " + g + " threadblock " + tb.id();
                require(tb.id() == i, where + " at position " + i);
                require(tb.channel() >= 0 && tb.channel() < channels, where + ": channel " + tb.channel());
                require(tb.send() >= -1 && tb.send() < n && tb.send() != g, where + ": send peer " + tb.send());
                require(tb.recv() >= -1 && tb.recv() < n && tb.recv() != g, where + ": receive peer " + tb.recv());
                require(tb.send() < 0 || sends.add(((long) tb.send() << 32) | tb.channel()),
                        where + ": a second threadblock sends to " + tb.send() + " on channel " + tb.channel());
                require(tb.recv() < 0 || recvs.add(((long) tb.recv() << 32) | tb.channel()),
                        where + ": a second threadblock receives from " + tb.recv() + " on channel " + tb.channel());
                for (Step s : tb.steps()) {
                    require(s.count() >= 0 && s.srcOff() >= 0 && s.dstOff() >= 0, where + ": negative offset or count");
                    require(s.srcOff() + s.count() <= size(gpu, s.srcBuf()) || s.count() == 0,
                            where + ": source chunks past buffer " + s.srcBuf());
                    require(s.dstOff() + s.count() <= size(gpu, s.dstBuf()) || s.count() == 0,
                            where + ": destination chunks past buffer " + s.dstBuf());
                    if (s.depId() >= 0) {
                        require(s.depId() < tbs.size() && s.depId() != i, where + ": depends on threadblock " + s.depId());
                        List<Step> other = tbs.get(s.depId()).steps();
                        require(s.depStep() >= 0 && s.depStep() < other.size() && other.get(s.depStep()).hasDep(),
                                where + ": depends on step " + s.depStep() + " of threadblock " + s.depId());
                    } else {
                        require(s.depStep() == -1, where + ": a dependency step without a threadblock");
                    }
                }
            }
        }
    }

    private static int size(Gpu gpu, char buffer) {
        return switch (buffer) {
            case 'i' -> gpu.inputChunks();
            case 'o' -> gpu.outputChunks();
            case 's' -> gpu.scratchChunks();
            default -> -1;
        };
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("MSCCL program: " + what);
        }
    }
}
