package canopy.model;

import java.util.List;

/** A tree edge between two accelerators and the physical path (node ids, from first, to last) it takes. */
public record TreeEdge(String from, String to, List<String> path) {
    public TreeEdge {
        path = List.copyOf(path);
        if (path.size() < 2 || !path.get(0).equals(from) || !path.get(path.size() - 1).equals(to)) {
            throw new IllegalArgumentException("path " + path + " does not run " + from + "->" + to);
        }
    }

    public static TreeEdge direct(String from, String to) {
        return new TreeEdge(from, to, List.of(from, to));
    }
}
