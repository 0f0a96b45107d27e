package canopy.io.msccl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.io.InvalidInputException;
import canopy.io.msccl.MscclInterpreter.Layout;
import canopy.io.msccl.MscclInterpreter.Outcome;
import canopy.io.msccl.MscclInterpreter.Program;
import org.junit.jupiter.api.Test;

/** The interpreter itself, on hand-written good and bad MSCCL programs. */
class MscclInterpreterTest {
    private static String algo(String coll, int perLoop, String gpus) {
        return "<algo name=\"t\" proto=\"Simple\" nchannels=\"1\" nchunksperloop=\"" + perLoop + "\" ngpus=\"2\" coll=\""
                + coll + "\" inplace=\"1\" outofplace=\"1\" minBytes=\"0\" maxBytes=\"0\">\n" + gpus + "</algo>\n";
    }

    private static String step(int s, String type, String src, int srcOff, String dst, int dstOff, int cnt, int depid,
                               int deps, int hasdep) {
        return "<step s=\"" + s + "\" type=\"" + type + "\" srcbuf=\"" + src + "\" srcoff=\"" + srcOff
                + "\" dstbuf=\"" + dst + "\" dstoff=\"" + dstOff + "\" cnt=\"" + cnt + "\" depid=\"" + depid
                + "\" deps=\"" + deps + "\" hasdep=\"" + hasdep + "\"/>\n";
    }

    /** Allgather on 2 GPUs, one chunk each: copy own shard, send it, receive the other one. */
    private static String allgather(boolean sendOnGpu1, int recvOffsetOnGpu0) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 2; g++) {
            int peer = 1 - g;
            sb.append("<gpu id=\"").append(g).append("\" i_chunks=\"1\" o_chunks=\"2\" s_chunks=\"0\">\n");
            sb.append("<tb id=\"0\" send=\"").append(peer).append("\" recv=\"").append(peer).append("\" chan=\"0\">\n");
            int s = 0;
            sb.append(step(s++, "cpy", "i", 0, "o", g, 1, -1, -1, 0));
            if (g == 0 || sendOnGpu1) {
                sb.append(step(s++, "s", "i", 0, "o", g, 1, -1, -1, 0));
            }
            int off = g == 0 ? recvOffsetOnGpu0 : 0;
            sb.append(step(s, "r", "o", off, "o", off, 1, -1, -1, 0));
            sb.append("</tb>\n</gpu>\n");
        }
        return algo("allgather", 2, sb.toString());
    }

    /**
     * Allreduce on 2 GPUs, 2 chunks: each GPU reduces its own chunk (rrc in a receiving threadblock) and
     * sends it back from a second threadblock that depends on the reduction. extraReduce adds the own
     * contribution a second time.
     */
    private static String allreduce(boolean hasdep, boolean extraReduce) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 2; g++) {
            int peer = 1 - g;
            sb.append("<gpu id=\"").append(g).append("\" i_chunks=\"2\" o_chunks=\"2\" s_chunks=\"0\">\n");
            sb.append("<tb id=\"0\" send=\"-1\" recv=\"").append(peer).append("\" chan=\"0\">\n");
            int s = 0;
            sb.append(step(s++, "rrc", "i", g, "o", g, 1, -1, -1, extraReduce ? 0 : hasdep ? 1 : 0));
            if (extraReduce) {
                sb.append(step(s++, "re", "i", g, "o", g, 1, -1, -1, 1));
            }
            sb.append(step(s, "r", "o", peer, "o", peer, 1, -1, -1, 0));
            sb.append("</tb>\n");
            sb.append("<tb id=\"1\" send=\"").append(peer).append("\" recv=\"-1\" chan=\"0\">\n");
            sb.append(step(0, "s", "i", peer, "i", peer, 1, -1, -1, 0));
            sb.append(step(1, "s", "o", g, "o", g, 1, 0, extraReduce ? 1 : 0, 0));
            sb.append("</tb>\n</gpu>\n");
        }
        return algo("allreduce", 2, sb.toString());
    }

    private static Outcome run(String xml, Layout layout) throws InvalidInputException {
        Program p = MscclInterpreter.parse(xml);
        return MscclInterpreter.run(p, layout, 0);
    }

    @Test
    void goodAllgatherRunsInBothLayouts() throws Exception {
        for (Layout l : Layout.values()) {
            Outcome o = run(allgather(true, 1), l);
            assertTrue(o.ok(), l + ": " + o.problems());
            assertTrue(o.stepsRun() == 6);
        }
    }

    @Test
    void missingSendIsADeadlock() throws Exception {
        Outcome o = run(allgather(false, 1), Layout.OUT_OF_PLACE);
        assertFalse(o.ok());
        assertTrue(o.first().startsWith("deadlock"), o.problems().toString());
        assertTrue(o.first().contains("GPU 0 tb 0 step 2 (r)"), o.first());
    }

    @Test
    void wrongOffsetGivesWrongChunks() throws Exception {
        Outcome o = run(allgather(true, 0), Layout.OUT_OF_PLACE);
        assertFalse(o.ok());
        String all = String.join("\n", o.problems());
        assertTrue(all.contains("GPU 0 o[0] holds {(1,1)}; expected {(0,0)}"), all);
        assertTrue(all.contains("GPU 0 o[1] was never written"), all);
    }

    @Test
    void goodAllreduceWithDependencies() throws Exception {
        for (Layout l : Layout.values()) {
            for (int cap : new int[] {0, 1}) {
                Outcome o = MscclInterpreter.run(MscclInterpreter.parse(allreduce(true, false)), l, cap);
                assertTrue(o.ok(), l + " capacity " + cap + ": " + o.problems());
            }
        }
    }

    @Test
    void doubleReductionCountsAContributionTwice() throws Exception {
        Outcome o = run(allreduce(true, true), Layout.OUT_OF_PLACE);
        assertFalse(o.ok());
        assertTrue(o.first().contains("GPU 0 o[0] holds {(0,0)×2, (1,0)}"), o.problems().toString());
    }

    @Test
    void dependencyOnAStepWithoutHasdepIsReported() throws Exception {
        Outcome o = run(allreduce(false, false), Layout.OUT_OF_PLACE);
        assertFalse(o.ok());
        assertTrue(o.first().contains("does not have hasdep"), o.problems().toString());
    }

    @Test
    void readingAnUnwrittenSlotIsReported() throws Exception {
        String xml = allgather(true, 1).replaceFirst(
                "<step s=\"1\" type=\"s\" srcbuf=\"i\" srcoff=\"0\"", "<step s=\"1\" type=\"s\" srcbuf=\"o\" srcoff=\"1\"");
        Outcome o = run(xml, Layout.OUT_OF_PLACE);
        assertFalse(o.ok());
        assertTrue(o.first().contains("reads o[1], which nothing has written"), o.problems().toString());
    }

    @Test
    void countMismatchIsReported() throws Exception {
        String xml = algo("allgather", 4, ""
                + "<gpu id=\"0\" i_chunks=\"2\" o_chunks=\"4\" s_chunks=\"0\">\n<tb id=\"0\" send=\"1\" recv=\"1\" chan=\"0\">\n"
                + step(0, "cpy", "i", 0, "o", 0, 2, -1, -1, 0) + step(1, "s", "i", 0, "o", 0, 2, -1, -1, 0)
                + step(2, "r", "o", 2, "o", 2, 1, -1, -1, 0) + step(3, "r", "o", 3, "o", 3, 1, -1, -1, 0)
                + "</tb>\n</gpu>\n"
                + "<gpu id=\"1\" i_chunks=\"2\" o_chunks=\"4\" s_chunks=\"0\">\n<tb id=\"0\" send=\"0\" recv=\"0\" chan=\"0\">\n"
                + step(0, "cpy", "i", 0, "o", 2, 2, -1, -1, 0) + step(1, "s", "i", 0, "o", 2, 2, -1, -1, 0)
                + step(2, "r", "o", 0, "o", 0, 2, -1, -1, 0)
                + "</tb>\n</gpu>\n");
        Outcome o = run(xml, Layout.OUT_OF_PLACE);
        assertFalse(o.ok());
        assertTrue(o.first().contains("receives 1 chunks but GPU 1 sent 2"), o.problems().toString());
    }

    @Test
    void staticChecksMirrorTheRuntime() throws Exception {
        String twoSendersSamePeer = algo("allgather", 2, ""
                + "<gpu id=\"0\" i_chunks=\"1\" o_chunks=\"2\" s_chunks=\"0\">\n"
                + "<tb id=\"0\" send=\"1\" recv=\"-1\" chan=\"0\">\n" + step(0, "s", "i", 0, "o", 0, 1, -1, -1, 0) + "</tb>\n"
                + "<tb id=\"1\" send=\"1\" recv=\"-1\" chan=\"0\">\n" + step(0, "s", "i", 0, "o", 0, 72, -1, -1, 0) + "</tb>\n"
                + "<tb id=\"3\" send=\"0\" recv=\"-1\" chan=\"2\">\n" + step(1, "r", "o", 5, "o", 5, 1, -1, -1, 0) + "</tb>\n"
                + "</gpu>\n"
                + "<gpu id=\"1\" i_chunks=\"1\" o_chunks=\"2\" s_chunks=\"0\">\n</gpu>\n");
        Outcome o = run(twoSendersSamePeer, Layout.OUT_OF_PLACE);
        String all = String.join("\n", o.problems());
        assertTrue(all.contains("a second threadblock sends to 1 on channel 0"), all);
        assertTrue(all.contains("cnt 72 outside 1..71"), all);
        assertTrue(all.contains("threadblock ids must be 0, 1, 2"), all);
        assertTrue(all.contains("bad peer"), all);
        assertTrue(all.contains("channel 2 outside"), all);
        assertTrue(all.contains("steps must be numbered"), all);
        assertTrue(all.contains("r in a threadblock without a receive peer"), all);
        assertTrue(all.contains("o[5..6) outside the 2 chunks"), all);
    }

    @Test
    void refusesDoctypes() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE algo [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><algo name=\"&x;\"/>";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MscclInterpreter.parse(xxe));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void sizeAttributesAreReadAsTheRuntimeReadsThem() throws Exception {
        String ok = algo("allgather", 2, "").replace("minBytes=\"0\" maxBytes=\"0\"",
                "minBytes=\"1024\" maxBytes=\"4095\"");
        Program p = MscclInterpreter.parse(ok);
        assertEquals(1024, p.minBytes());
        assertEquals(4095, p.maxBytes());
        assertFalse(p.runsMessageOf(1023));
        assertTrue(p.runsMessageOf(1024));
        assertTrue(p.runsMessageOf(4095), "maxBytes is inclusive");
        assertFalse(p.runsMessageOf(4096));
        assertTrue(MscclInterpreter.parse(algo("allgather", 2, "")).runsMessageOf(Long.MAX_VALUE), "0: no limit");
        assertThrows(InvalidInputException.class, () -> MscclInterpreter.parse(ok.replace("\"1024\"", "\"01024\"")),
                "a leading 0 is octal to strtoll");
        assertThrows(InvalidInputException.class, () -> MscclInterpreter.parse(ok.replace(" maxBytes=\"4095\"", "")),
                "the runtime requires maxBytes");
    }
}
