package canopy.engine;

import canopy.model.NodeKind;
import canopy.model.Rational;

import java.util.List;

/**
 * Links a cluster builder would upgrade together ("all NICs", "all NVSwitch links"): every link of the
 * topology with the same bandwidth, the same direction-ness, the same endpoint kinds and the same
 * group span. Built by {@link LinkClasses}.
 *
 * @param index     position in {@link LinkClasses#of}'s list (classes in order of their first link)
 * @param name      e.g. "accelerator ⇄ switch across groups, 25 GB/s (16 links)"
 * @param bandwidth every link's bandwidth (per direction for duplex links)
 * @param duplex    whether the links are duplex (else one-way)
 * @param fromKind  the kind at the links' from end; for duplex links the accelerator end comes first
 * @param toKind    the kind at the other end
 * @param span      where the ends are with respect to the nodes' groups
 * @param links     the links' indices in the topology's link list, ascending
 */
public record LinkClass(int index, String name, Rational bandwidth, boolean duplex, NodeKind fromKind,
                        NodeKind toKind, Span span, List<Integer> links) {
    public LinkClass {
        links = List.copyOf(links);
    }

    /** Where a link's two ends are with respect to the nodes' {@code group} (a box, a rack). */
    public enum Span {
        /** Both ends in the same group. */
        WITHIN_GROUP("within a group"),
        /** At least one end in a group, and not both in the same one (e.g. a NIC to an ungrouped rail switch). */
        ACROSS_GROUPS("across groups"),
        /** Neither end in any group: nothing to say. */
        UNGROUPED("");

        private final String words;

        Span(String words) {
            this.words = words;
        }

        /** How names say it: "within a group", "across groups", or "" for ungrouped links. */
        public String words() {
            return words;
        }
    }
}
