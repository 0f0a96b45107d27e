package canopy.cli;

import canopy.engine.SizeRange;
import canopy.io.FigureText;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.TypeConversionException;

/**
 * The message-size bands a user writes for {@code export-msccl --bands}: FROM:TO,…, each half-open
 * [FROM, TO) in the sizes of {@link Sizes}, the last open-ended (FROM:). They must tile [0, ∞) in order,
 * because a size no band holds would silently leave MSCCL for NCCL, and a size two bands hold would run
 * whichever file the runtime happens to load first. Every refusal is one line naming the band.
 */
final class BandList {
    private BandList() {
    }

    static List<SizeRange> parse(String text) {
        String[] items = text.split(",", -1);
        List<SizeRange> out = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            where.add("--bands: band " + (i + 1) + " '" + canopy.model.Messages.clip(item, 40) + "'");
            out.add(band(item, where.get(i), i + 1 == items.length ? 0 : items.length - i - 1));
        }
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).fromBytes() < out.get(i - 1).fromBytes()) {
                throw new BadInputException(where.get(i) + " starts before band " + i
                        + "; list the bands in size order");
            }
        }
        if (out.get(0).fromBytes() != 0) {
            throw new BadInputException(where.get(0) + " must start at 0, or sizes below "
                    + FigureText.messageSize(out.get(0).fromBytes()) + " would have no file");
        }
        for (int i = 1; i < out.size(); i++) {
            meet(out.get(i - 1), out.get(i), where.get(i), i);
        }
        SizeRange last = out.get(out.size() - 1);
        if (last.bounded()) {
            throw new BadInputException("--bands: the last band must be open-ended (e.g. "
                    + FigureText.messageSize(last.fromBytes()).replace(" ", "") + ":), or sizes from "
                    + FigureText.messageSize(last.toBytes()) + " would have no file");
        }
        return out;
    }

    /** One FROM:TO (FROM: only when no band follows). */
    private static SizeRange band(String item, String where, int following) {
        int colon = item.indexOf(':');
        if (colon < 0 || item.indexOf(':', colon + 1) >= 0) {
            throw new BadInputException(where + " is not FROM:TO; write e.g. 0:1MiB,1MiB:64MiB,64MiB:");
        }
        long from = size(where, item.substring(0, colon), 0);
        String end = item.substring(colon + 1).trim();
        if (end.isEmpty() && following > 0) {
            throw new BadInputException(where + " has no end, but " + following
                    + " more follow; only the last band is open-ended");
        }
        long to = end.isEmpty() ? SizeRange.UNBOUNDED : size(where, end, 1);
        if (to <= from) {
            throw new BadInputException(where + " ends at or before its start (" + FigureText.messageSize(to)
                    + " <= " + FigureText.messageSize(from) + ")");
        }
        SizeRange r = new SizeRange(from, to);
        if (r.bounded() && r.lastBytes() == 0) {
            throw new BadInputException(where + " holds only 0 bytes, which MSCCL never runs; and maxBytes=0 "
                    + "would mean no upper limit");
        }
        return r;
    }

    /** Band number (index + 1) starts where prev (the band before) ends: no overlap, no gap. */
    private static void meet(SizeRange prev, SizeRange r, String where, int prevNumber) {
        if (r.fromBytes() < prev.toBytes()) {
            throw new BadInputException(where + " overlaps band " + prevNumber + " ("
                    + FigureText.sizeRange(prev) + ") from " + FigureText.messageSize(r.fromBytes()));
        }
        if (r.fromBytes() > prev.toBytes()) {
            throw new BadInputException(where + " leaves a gap after band " + prevNumber + ": no file would hold "
                    + FigureText.sizeRange(new SizeRange(prev.toBytes(), r.fromBytes())));
        }
    }

    private static long size(String where, String text, long least) {
        try {
            return Sizes.parse(text, least);
        } catch (TypeConversionException e) {
            throw new BadInputException(where + ": " + e.getMessage());
        }
    }
}
