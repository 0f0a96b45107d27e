package canopy.io.msccl;

import canopy.engine.SizeRange;
import canopy.io.FigureText;

/**
 * Writes a checked {@link MscclProgram} as the MSCCL algorithm XML the runtime parses: one algo
 * element, a gpu element per rank, a tb per threadblock, a step per step. Prints only; every decision
 * was the compiler's.
 *
 * <p>minBytes and maxBytes: the runtime runs the file for a message of nBytes when nBytes &gt;= minBytes
 * and (maxBytes == 0 or nBytes &lt;= maxBytes), both inclusive, maxBytes 0 meaning no upper limit
 * (msccl_lifecycle.cc, mscclInternalSchedulerSelectAlgo). So a half-open range [from, to) is written as
 * minBytes = from, maxBytes = to − 1, and an unbounded one as maxBytes = 0. Both in decimal without
 * leading zeros: the runtime reads them with strtoll(…, 0), for which a leading 0 means octal.
 */
final class MscclXmlWriter {
    private MscclXmlWriter() {
    }

    static String write(MscclProgram p) {
        return write(p, SizeRange.ALL);
    }

    /** The file for the message sizes of range, which must not be [0, 1) (maxBytes 0 means unbounded). */
    static String write(MscclProgram p, SizeRange range) {
        if (range.bounded() && range.lastBytes() == 0) {
            throw new IllegalArgumentException("the sizes [0, 1) cannot be written: maxBytes=0 means no upper limit");
        }
        String name = range.equals(SizeRange.ALL) ? p.name() : p.name() + ", for " + FigureText.sizeRange(range);
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<algo name=\"").append(name).append("\" proto=\"").append(p.proto().xmlName())
                .append("\" nchannels=\"").append(p.channels()).append("\" nchunksperloop=\"").append(p.chunksPerLoop())
                .append("\" ngpus=\"").append(p.gpus().size()).append("\" coll=\"").append(coll(p))
                .append("\" inplace=\"1\" outofplace=\"1\" minBytes=\"").append(range.fromBytes())
                .append("\" maxBytes=\"").append(range.bounded() ? range.lastBytes() : 0).append("\">\n");
        for (MscclProgram.Gpu g : p.gpus()) {
            sb.append("  <gpu id=\"").append(g.id()).append("\" i_chunks=\"").append(g.inputChunks())
                    .append("\" o_chunks=\"").append(g.outputChunks()).append("\" s_chunks=\"").append(g.scratchChunks())
                    .append("\">\n");
            for (MscclProgram.Threadblock tb : g.threadblocks()) {
                sb.append("    <tb id=\"").append(tb.id()).append("\" send=\"").append(tb.send())
                        .append("\" recv=\"").append(tb.recv()).append("\" chan=\"").append(tb.channel())
                        .append("\">\n");
                int idx = 0;
                for (MscclProgram.Step s : tb.steps()) {
                    step(sb, idx++, s);
                }
                sb.append("    </tb>\n");
            }
            sb.append("  </gpu>\n");
        }
        sb.append("</algo>\n");
        return sb.toString();
    }

    private static String coll(MscclProgram p) {
        return switch (p.collective()) {
            case ALLGATHER -> "allgather";
            case REDUCE_SCATTER -> "reducescatter";
            case ALLREDUCE -> "allreduce";
        };
    }

    private static void step(StringBuilder sb, int index, MscclProgram.Step s) {
        sb.append("      <step s=\"").append(index).append("\" type=\"").append(s.type()).append("\" srcbuf=\"")
                .append(s.srcBuf()).append("\" srcoff=\"").append(s.srcOff()).append("\" dstbuf=\"").append(s.dstBuf())
                .append("\" dstoff=\"").append(s.dstOff()).append("\" cnt=\"").append(s.count()).append("\" depid=\"")
                .append(s.depId()).append("\" deps=\"").append(s.depStep()).append("\" hasdep=\"")
                .append(s.hasDep() ? 1 : 0).append("\"/>\n");
    }
}
