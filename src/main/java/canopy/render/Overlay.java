package canopy.render;

import java.util.Set;

/**
 * What is drawn over the plain diagram: the selection, a highlighted node set and links (the
 * bottleneck cut, tinted), and the element under the mouse. Sets are read, never changed.
 *
 * @param hoverNode the node under the mouse, or null
 * @param hoverLink the topology link index under the mouse, or -1
 */
public record Overlay(Set<String> selectedNodes, Set<Integer> selectedLinks,
                      Set<String> highlightedNodes, Set<Integer> highlightedLinks,
                      String hoverNode, int hoverLink) {
    public static final Overlay NONE = new Overlay(Set.of(), Set.of(), Set.of(), Set.of(), null, -1);

    public Overlay {
        selectedNodes = Set.copyOf(selectedNodes);
        selectedLinks = Set.copyOf(selectedLinks);
        highlightedNodes = Set.copyOf(highlightedNodes);
        highlightedLinks = Set.copyOf(highlightedLinks);
    }

    public Overlay withSelection(Set<String> nodes, Set<Integer> links) {
        return new Overlay(nodes, links, highlightedNodes, highlightedLinks, hoverNode, hoverLink);
    }

    public Overlay withHighlight(Set<String> nodes, Set<Integer> links) {
        return new Overlay(selectedNodes, selectedLinks, nodes, links, hoverNode, hoverLink);
    }

    public Overlay withHover(String node, int link) {
        return new Overlay(selectedNodes, selectedLinks, highlightedNodes, highlightedLinks, node, link);
    }
}
