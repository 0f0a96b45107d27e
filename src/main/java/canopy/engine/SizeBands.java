package canopy.engine;

import canopy.model.Rational;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of several schedules the alpha-beta model ({@link TimeModel}) says is fastest, at one message
 * size and over every size. The one place that picks the fastest: auto's choice, compare's envelope and
 * export-msccl's size bands all read it, so they agree. Exact: times are compared as rationals, and a tie
 * goes to the earlier model in the list.
 */
public final class SizeBands {
    private SizeBands() {
    }

    /** One band: the sizes over which model {@code index} (of the list given) is fastest. */
    public record Band(SizeRange range, int index) {
    }

    /** The index of the fastest model at this size; ties go to the earlier. */
    public static int fastest(List<TimeModel> models, long bytes) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no time model to choose from");
        }
        int best = 0;
        Rational bestTime = models.get(0).timeExact(bytes);
        for (int i = 1; i < models.size(); i++) {
            Rational t = models.get(i).timeExact(bytes);
            if (t.compareTo(bestTime) < 0) {
                best = i;
                bestTime = t;
            }
        }
        return best;
    }

    /**
     * The bands, in size order, that tile [0, ∞): in each the same model is fastest at every whole byte
     * count, and consecutive bands have different models. Each model's time is a line in M (latency +
     * M × seconds per byte), so the fastest changes only to a model with a smaller slope, at most once per
     * model, and the exact byte where it does is found from the crossing point. The choice at 0 bytes is
     * that at 1 byte: no runtime runs an empty message, and so a band never holds 0 bytes alone.
     */
    public static List<Band> bands(List<TimeModel> models) {
        List<Band> out = new ArrayList<>();
        long from = 0;
        int winner = fastest(models, 1);
        while (true) {
            long next = nextChange(models, winner);
            if (next == SizeRange.UNBOUNDED) {
                out.add(new Band(new SizeRange(from, SizeRange.UNBOUNDED), winner));
                return out;
            }
            if (next <= from) {
                throw new IllegalStateException("size bands do not advance at " + from + " bytes");
            }
            out.add(new Band(new SizeRange(from, next), winner));
            from = next;
            winner = fastest(models, next);
        }
    }

    /**
     * The least byte count at which another model beats {@code winner} (fastest up to there), or
     * UNBOUNDED when none ever does within a long.
     */
    private static long nextChange(List<TimeModel> models, int winner) {
        Rational latency = models.get(winner).latencySeconds();
        Rational slope = perByte(models.get(winner));
        BigInteger next = null;
        for (int j = 0; j < models.size(); j++) {
            Rational s = perByte(models.get(j));
            if (j == winner || s.compareTo(slope) >= 0) {
                continue; // never overtakes a model it is behind at the band's start
            }
            // t_j(M) = t_w(M) at M* = (a_j − a_w) / (s_w − s_j); j is faster beyond it, and at it too when
            // it comes earlier in the list (ties go to the earlier model)
            Rational cross = models.get(j).latencySeconds().subtract(latency).divide(slope.subtract(s));
            BigInteger at = j < winner ? ceil(cross) : cross.floor().add(BigInteger.ONE);
            if (next == null || at.compareTo(next) < 0) {
                next = at;
            }
        }
        return next == null || next.bitLength() >= 63 ? SizeRange.UNBOUNDED : next.longValueExact();
    }

    private static Rational perByte(TimeModel m) {
        return m.timePerBuffer().divide(TimeModel.BYTES_PER_GB);
    }

    private static BigInteger ceil(Rational r) {
        return r.negate().floor().negate();
    }
}
