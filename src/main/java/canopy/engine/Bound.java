package canopy.engine;

import canopy.model.Rational;

import java.util.List;

/**
 * The cut bound of one direction: the best algbw any schedule can reach, and a node set S attaining
 * it (its accelerators can send no faster than the bandwidth leaving S allows).
 *
 * @param algbw        N × min over S of B⁺(S) / |S ∩ accelerators|, exact, in the topology's units
 * @param cut          ids of a set S attaining the minimum, in the graph's node order
 * @param cutBandwidth B⁺(S), the bandwidth leaving S
 * @param cutAccelerators |S ∩ accelerators|
 */
public record Bound(Rational algbw, List<String> cut, Rational cutBandwidth, int cutAccelerators) {
    public Bound {
        cut = List.copyOf(cut);
    }
}
