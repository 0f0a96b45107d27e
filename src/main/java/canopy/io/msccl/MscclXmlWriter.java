package canopy.io.msccl;

/**
 * Writes a checked {@link MscclProgram} as the MSCCL algorithm XML the runtime parses: one algo
 * element, a gpu element per rank, a tb per threadblock, a step per step. Prints only; every decision
 * was the compiler's.
 */
final class MscclXmlWriter {
    private MscclXmlWriter() {
    }

    static String write(MscclProgram p) {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<algo name=\"").append(p.name()).append("\" proto=\"").append(p.proto().xmlName())
                .append("\" nchannels=\"").append(p.channels()).append("\" nchunksperloop=\"").append(p.chunksPerLoop())
                .append("\" ngpus=\"").append(p.gpus().size()).append("\" coll=\"").append(coll(p))
                .append("\" inplace=\"1\" outofplace=\"1\" minBytes=\"0\" maxBytes=\"0\">\n");
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
