package canopy.engine;

import canopy.model.*;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.*;
import java.util.*;

final class TmpReader {
    static Topology read(Path p) throws Exception {
        JsonNode doc = new ObjectMapper().readTree(p.toFile());
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : doc.get("nodes")) nodes.add(new Node(n.get("id").asText(), NodeKind.fromJson(n.get("kind").asText()), null, null, null, null));
        List<Link> links = new ArrayList<>();
        for (JsonNode l : doc.get("links")) links.add(new Link(l.get("from").asText(), l.get("to").asText(), Rational.parse(l.get("bandwidth").asText()), l.path("duplex").asBoolean(false), null));
        return new Topology(doc.path("name").asText(), null, nodes, links);
    }
}
