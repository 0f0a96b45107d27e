package canopy.generate;

import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The templates the designer's "New from template" dialog offers, each a call of
 * {@link TopologyGenerators} with typed, bounded parameters. No toolkit: the dialog builds its controls
 * from {@link Template#parameters()} (a spinner for an integer, a check box for a boolean).
 *
 * <p>Values are given as a map from parameter name to value: an {@link Integer} (any integral
 * {@link Number}, or a decimal string) for an integer parameter, a {@link Boolean} (or "true"/"false")
 * for a boolean one. Missing parameters take their default; unknown names, wrong types and values out
 * of bounds are refused with an {@link IllegalArgumentException} whose message names the parameter by
 * its label and says what is allowed, fit to show as it is.
 */
public final class TemplateCatalog {
    private TemplateCatalog() {
    }

    /** The kind of value of a parameter. */
    public enum Type {
        INTEGER,
        BOOLEAN
    }

    /**
     * One parameter: name (the key in the values map), label (for the dialog), type, bounds (inclusive,
     * integers only; 0 and 1 for a boolean) and default (an Integer or a Boolean).
     */
    public record Parameter(String name, String label, Type type, int min, int max, Object defaultValue) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(type, "type");
            if (type == Type.INTEGER) {
                if (!(defaultValue instanceof Integer d) || d < min || d > max || min > max) {
                    throw new IllegalArgumentException("bad bounds or default for " + name);
                }
            } else if (!(defaultValue instanceof Boolean)) {
                throw new IllegalArgumentException("bad default for " + name);
            }
        }

        public static Parameter integer(String name, String label, int min, int max, int defaultValue) {
            return new Parameter(name, label, Type.INTEGER, min, max, defaultValue);
        }

        public static Parameter bool(String name, String label, boolean defaultValue) {
            return new Parameter(name, label, Type.BOOLEAN, 0, 1, defaultValue);
        }

        public boolean isInteger() {
            return type == Type.INTEGER;
        }

        /** value as this parameter's type (null → the default), or an IllegalArgumentException. */
        public Object coerce(Object value) {
            if (value == null) {
                return defaultValue;
            }
            if (type == Type.BOOLEAN) {
                if (value instanceof Boolean) {
                    return value;
                }
                if (value instanceof String s && (s.strip().equalsIgnoreCase("true")
                        || s.strip().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(s.strip());
                }
                throw new IllegalArgumentException(label + " must be true or false (got " + value + ")");
            }
            long v;
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                v = ((Number) value).longValue();
            } else if (value instanceof Number num && Double.isFinite(num.doubleValue())
                    && num.doubleValue() == Math.rint(num.doubleValue())) {
                v = (long) num.doubleValue();
            } else if (value instanceof String s) {
                try {
                    v = Long.parseLong(s.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(label + " must be a whole number from " + min + " to " + max
                            + " (got \"" + s + "\")");
                }
            } else {
                throw new IllegalArgumentException(label + " must be a whole number from " + min + " to " + max
                        + " (got " + value + ")");
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException(label + " must be from " + min + " to " + max + " (got " + v + ")");
            }
            return (int) v;
        }
    }

    /** A template: an id (stable, for settings), a display name, a description and its parameters. */
    public static final class Template {
        private final String id;
        private final String name;
        private final String description;
        private final List<Parameter> parameters;
        private final Function<Values, Topology> build;
        private final ToLongFunction<Values> nodes;
        private final ToLongFunction<Values> links;

        Template(String id, String name, String description, List<Parameter> parameters,
                 Function<Values, Topology> build, ToLongFunction<Values> nodes, ToLongFunction<Values> links) {
            this.id = id;
            this.name = name;
            this.description = description;
            this.parameters = List.copyOf(parameters);
            this.build = build;
            this.nodes = nodes;
            this.links = links;
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public String description() {
            return description;
        }

        public List<Parameter> parameters() {
            return parameters;
        }

        /** The parameter with this name, or null. */
        public Parameter parameter(String parameterName) {
            for (Parameter p : parameters) {
                if (p.name().equals(parameterName)) {
                    return p;
                }
            }
            return null;
        }

        /** Every parameter's default, in parameter order. */
        public Map<String, Object> defaults() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Parameter p : parameters) {
                out.put(p.name(), p.defaultValue());
            }
            return out;
        }

        /**
         * The checked values: every parameter, coerced to its type, defaults for the missing ones.
         * Throws IllegalArgumentException for an unknown name, a wrong type or a value out of bounds.
         */
        public Map<String, Object> resolve(Map<String, ?> values) {
            for (String key : values.keySet()) {
                if (parameter(key) == null) {
                    throw new IllegalArgumentException(name + " has no parameter \"" + key + "\"");
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Parameter p : parameters) {
                out.put(p.name(), p.coerce(values.get(p.name())));
            }
            return out;
        }

        /**
         * Builds the topology. Throws IllegalArgumentException for bad values, including combinations
         * the generator refuses (say a 1x1 torus: "need at least two accelerators").
         */
        public Topology create(Map<String, ?> values) {
            return build.apply(new Values(resolve(values)));
        }

        /** How many nodes {@link #create} would make, without building it. */
        public long nodeCount(Map<String, ?> values) {
            return nodes.applyAsLong(new Values(resolve(values)));
        }

        /** How many links {@link #create} would make, without building it. */
        public long linkCount(Map<String, ?> values) {
            return links.applyAsLong(new Values(resolve(values)));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Resolved values with typed getters. */
    static final class Values {
        private final Map<String, Object> map;

        Values(Map<String, Object> map) {
            this.map = map;
        }

        int i(String name) {
            return (Integer) map.get(name);
        }

        boolean b(String name) {
            return (Boolean) map.get(name);
        }
    }

    private static final List<Template> TEMPLATES = build();

    /** Every template, in the order the dialog lists them. */
    public static List<Template> templates() {
        return TEMPLATES;
    }

    /** The template with this id, or null. */
    public static Template byId(String id) {
        for (Template t : TEMPLATES) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    private static List<Template> build() {
        List<Template> out = new ArrayList<>();
        out.add(dgxTemplate("dgx-a100", "DGX A100",
                "NVIDIA DGX A100 boxes: 8 A100 GPUs per box on one NVSwitch (300 GB/s per direction), one "
                        + "InfiniBand HDR NIC per GPU (25 GB/s) to rail switch GPU mod rails.",
                2, v -> TopologyGenerators.dgxA100(v.i("boxes"), v.i("rails"), v.b("nicNodes"))));
        out.add(dgxTemplate("dgx-h100", "DGX H100",
                "NVIDIA DGX H100 boxes, rail-optimised: 8 H100 GPUs per box on one NVSwitch (450 GB/s per "
                        + "direction), one InfiniBand NDR NIC per GPU (50 GB/s) to rail switch GPU mod rails.",
                8, v -> TopologyGenerators.dgxH100(v.i("boxes"), v.i("rails"), v.b("nicNodes"))));
        out.add(podTemplate("dgx-h100-pod", "DGX H100 pod",
                "NVIDIA DGX H100 boxes (450 GB/s NVSwitch, 50 GB/s NDR NIC per GPU) on the rail-optimised "
                        + "leaf/spine fabric of the DGX SuperPOD designs: GPU r of each box to its unit's rail-r "
                        + "leaf, every leaf to every spine, uplinks sized for full bisection divided by the "
                        + "oversubscription.",
                v -> TopologyGenerators.dgxH100Pod(v.i("boxes"), v.i("boxesPerLeaf"), v.i("spines"),
                        Rational.of(v.i("oversubscription")), v.b("nicNodes"))));
        out.add(podTemplate("dgx-a100-pod", "DGX A100 pod",
                "NVIDIA DGX A100 boxes (300 GB/s NVSwitch, 25 GB/s HDR NIC per GPU) on the rail-optimised "
                        + "leaf/spine fabric of the DGX SuperPOD designs, as the DGX H100 pod.",
                v -> TopologyGenerators.dgxA100Pod(v.i("boxes"), v.i("boxesPerLeaf"), v.i("spines"),
                        Rational.of(v.i("oversubscription")), v.b("nicNodes"))));
        out.add(new Template("mi250", "AMD MI250",
                "AMD MI250 boxes of 8 packages (16 GCDs) wired by Infinity Fabric (200 GB/s inside a package, "
                        + "50 or 100 GB/s between packages), one 25 GB/s NIC per GCD to rail switch GCD mod rails.",
                List.of(Parameter.integer("boxes", "Boxes", 1, 128, 2),
                        Parameter.integer("rails", "Rails", 1, 16, 2), nicNodesParameter()),
                v -> TopologyGenerators.mi250(v.i("boxes"), v.i("rails"), v.b("nicNodes")),
                v -> (v.b("nicNodes") ? 32L : 16L) * v.i("boxes") + v.i("rails"),
                v -> (v.b("nicNodes") ? 60L : 44L) * v.i("boxes")));
        out.add(new Template("fat-tree", "Fat tree",
                "A two-level fat tree: hosts under leaf switches (25 GB/s), every leaf joined to every spine "
                        + "(50 GB/s).",
                List.of(Parameter.integer("leaves", "Leaves", 1, 128, 4),
                        Parameter.integer("hostsPerLeaf", "Hosts per leaf", 1, 128, 4),
                        Parameter.integer("spines", "Spines", 1, 64, 2)),
                v -> TopologyGenerators.fatTree(v.i("leaves"), v.i("hostsPerLeaf"), v.i("spines"),
                        TopologyGenerators.IB_HDR, TopologyGenerators.IB_NDR),
                v -> (long) v.i("spines") + (long) v.i("leaves") * (1 + v.i("hostsPerLeaf")),
                v -> (long) v.i("leaves") * (v.i("spines") + v.i("hostsPerLeaf"))));
        out.add(new Template("fat-tree-3tier", "Three-tier fat tree",
                "The classic k-ary fat tree: k pods of k/2 edge and k/2 aggregation switches, (k/2)^2 core "
                        + "switches, k/2 hosts per edge switch (k^3/4 in all; k = 16 gives 1,024), 25 GB/s links.",
                List.of(Parameter.integer("k", "Switch ports k (even)", 2, 32, 4)),
                v -> TopologyClasses.fatTree3Tier(v.i("k"), TopologyClasses.DEFAULT_NET_BW,
                        TopologyClasses.DEFAULT_NET_BW),
                v -> (long) v.i("k") * v.i("k") * v.i("k") / 4 + (long) v.i("k") * v.i("k")
                        + (long) v.i("k") * v.i("k") / 4,
                v -> 3L * v.i("k") * v.i("k") * v.i("k") / 4));
        out.add(new Template("leaf-spine", "Heterogeneous leaf-spine",
                "Leaves under spines, alternating: even leaves with 25 GB/s hosts and full bisection, odd "
                        + "leaves with 50 GB/s hosts and their uplinks divided by the oversubscription.",
                List.of(Parameter.integer("leaves", "Leaves", 1, 128, 8),
                        Parameter.integer("spines", "Spines", 1, 64, 4),
                        Parameter.integer("evenHosts", "Hosts per even leaf", 1, 128, 16),
                        Parameter.integer("oddHosts", "Hosts per odd leaf", 1, 128, 8),
                        Parameter.integer("oversubscription", "Odd leaves' oversubscription", 1, 8, 2)),
                v -> TopologyClasses.leafSpine(v.i("leaves"), new int[] {v.i("evenHosts"), v.i("oddHosts")},
                        v.i("spines"), new Rational[] {Rational.of(25), Rational.of(50)},
                        new Rational[] {Rational.ONE, Rational.of(v.i("oversubscription"))}),
                v -> v.i("spines") + v.i("leaves") + leafSpineHosts(v),
                v -> leafSpineHosts(v) + (long) v.i("leaves") * v.i("spines")));
        out.add(new Template("dragonfly", "Dragonfly",
                "Groups of routers joined all-to-all, each router with its accelerators and global links to "
                        + "other groups; 25 GB/s links. Balanced: routers = 2 x hosts = 2 x global links; groups = "
                        + "routers x global links + 1 gives one global link per pair of groups.",
                List.of(Parameter.integer("groups", "Groups", 1, 129, 9),
                        Parameter.integer("routers", "Routers per group", 1, 32, 4),
                        Parameter.integer("hosts", "Hosts per router", 1, 32, 2),
                        Parameter.integer("global", "Global links per router", 0, 32, 2)),
                v -> TopologyClasses.dragonfly(v.i("groups"), v.i("routers"), v.i("hosts"), v.i("global"),
                        TopologyClasses.DEFAULT_NET_BW, TopologyClasses.DEFAULT_NET_BW, TopologyClasses.DEFAULT_NET_BW),
                v -> (long) v.i("groups") * v.i("routers") * (1 + v.i("hosts")),
                v -> TopologyClasses.dragonflyLinkCount(v.i("groups"), v.i("routers"), v.i("hosts"), v.i("global"))));
        out.add(new Template("torus", "2D torus",
                "Accelerators on a rows x cols grid, each linked (100 GB/s, duplex) to its neighbours with "
                        + "wrap-around.",
                List.of(Parameter.integer("rows", "Rows", 1, 64, 8),
                        Parameter.integer("cols", "Columns", 1, 64, 8)),
                v -> TopologyGenerators.torus(v.i("rows"), v.i("cols"), TopologyGenerators.DEFAULT_DIRECT_BW),
                v -> (long) v.i("rows") * v.i("cols"),
                v -> gridLinks(v.i("rows"), v.i("cols"), true)));
        out.add(new Template("torus3d", "3D torus",
                "Accelerators on a rows x cols x depth grid, each linked (100 GB/s, duplex) to its six "
                        + "neighbours with wrap-around; the depth layers are drawn side by side.",
                List.of(Parameter.integer("rows", "Rows", 1, 32, 4),
                        Parameter.integer("cols", "Columns", 1, 32, 4),
                        Parameter.integer("depth", "Depth", 1, 32, 4)),
                v -> TopologyClasses.torus3d(v.i("rows"), v.i("cols"), v.i("depth"),
                        TopologyGenerators.DEFAULT_DIRECT_BW),
                v -> (long) v.i("rows") * v.i("cols") * v.i("depth"),
                v -> torusLinks(v.i("rows"), v.i("cols"), v.i("depth"))));
        out.add(new Template("ring", "Ring",
                "n accelerators in a ring of 100 GB/s links, duplex or one-way.",
                List.of(Parameter.integer("n", "Accelerators", 2, 1024, 8),
                        Parameter.bool("bidirectional", "Bidirectional", true)),
                v -> TopologyGenerators.ring(v.i("n"), TopologyGenerators.DEFAULT_DIRECT_BW, v.b("bidirectional")),
                v -> v.i("n"),
                v -> v.i("n") == 2 && v.b("bidirectional") ? 1 : v.i("n")));
        out.add(new Template("mesh", "2D mesh",
                "Accelerators on a rows x cols grid, each linked (100 GB/s, duplex) to its neighbours, no "
                        + "wrap-around.",
                List.of(Parameter.integer("rows", "Rows", 1, 64, 4),
                        Parameter.integer("cols", "Columns", 1, 64, 4)),
                v -> TopologyGenerators.mesh(v.i("rows"), v.i("cols"), TopologyGenerators.DEFAULT_DIRECT_BW),
                v -> (long) v.i("rows") * v.i("cols"),
                v -> gridLinks(v.i("rows"), v.i("cols"), false)));
        out.add(new Template("random-regular", "Random regular graph",
                "n accelerators, each linked (100 GB/s, duplex) to degree others chosen at random; always "
                        + "connected, the same graph for the same seed.",
                List.of(Parameter.integer("n", "Accelerators", 2, 4096, 64),
                        Parameter.integer("degree", "Degree", 1, 64, 4),
                        Parameter.integer("seed", "Seed", 0, Integer.MAX_VALUE, 1)),
                v -> TopologyClasses.randomRegular(v.i("n"), v.i("degree"), v.i("seed"),
                        TopologyGenerators.DEFAULT_DIRECT_BW),
                v -> v.i("n"),
                v -> (long) v.i("n") * v.i("degree") / 2));
        out.add(new Template("pcie-server", "PCIe servers",
                "Servers as NCCL models them: GPUs and NICs under PCIe switches (PCIe Gen4 x16) under two "
                        + "CPUs joined at 16 GB/s, optionally an NVSwitch (300 GB/s); every NIC (25 GB/s) to one "
                        + "network switch.",
                List.of(Parameter.integer("servers", "Servers", 1, 256, 2),
                        Parameter.integer("gpus", "GPUs per server", 1, 16, 8),
                        Parameter.integer("nics", "NICs per server", 1, 16, 4),
                        Parameter.bool("nvlink", "NVSwitch", false)),
                v -> TopologyClasses.pcieServers(v.i("servers"), v.i("gpus"), v.i("nics"), pcieSwitches(v),
                        v.b("nvlink"), 1, TopologyGenerators.PCIE_GEN4_X16, TopologyClasses.DEFAULT_NET_BW),
                v -> 1 + (long) v.i("servers") * (cpus(v) + pcieSwitches(v) + v.i("gpus") + v.i("nics")
                        + (v.b("nvlink") ? 1 : 0)),
                v -> (long) v.i("servers") * (cpus(v) - 1 + pcieSwitches(v) + v.i("gpus") + 2L * v.i("nics")
                        + (v.b("nvlink") ? v.i("gpus") : 0))));
        return List.copyOf(out);
    }

    private static int pcieSwitches(Values v) {
        return Math.min(TopologyClasses.PCIE_SWITCHES, v.i("gpus"));
    }

    private static int cpus(Values v) {
        return pcieSwitches(v) >= 2 ? 2 : 1;
    }

    private static long leafSpineHosts(Values v) {
        int leaves = v.i("leaves");
        return (long) (leaves + 1) / 2 * v.i("evenHosts") + (long) leaves / 2 * v.i("oddHosts");
    }

    /** Links of a 3D torus: per dimension, n links when it is longer than 2, n/2 when it is 2, none when 1. */
    private static long torusLinks(int rows, int cols, int depth) {
        long n = (long) rows * cols * depth;
        long links = 0;
        for (int size : new int[] {rows, cols, depth}) {
            links += size > 2 ? n : size == 2 ? n / 2 : 0;
        }
        return links;
    }

    /** DGX boxes with one rail switch per rail: 9 nodes and 16 links a box, plus the rail switches. */
    private static Template dgxTemplate(String id, String name, String description, int defaultRails,
                                        Function<Values, Topology> build) {
        return new Template(id, name, description,
                List.of(Parameter.integer("boxes", "Boxes", 1, 256, 2),
                        Parameter.integer("rails", "Rails", 1, 8, defaultRails), nicNodesParameter()),
                build,
                v -> (v.b("nicNodes") ? 17L : 9L) * v.i("boxes") + v.i("rails"),
                v -> (v.b("nicNodes") ? 24L : 16L) * v.i("boxes"));
    }

    /** A rail-optimised DGX pod: 8 rail leaves per unit of boxesPerLeaf boxes, each joined to every spine. */
    private static Template podTemplate(String id, String name, String description, Function<Values, Topology> build) {
        return new Template(id, name, description,
                List.of(Parameter.integer("boxes", "Boxes", 1, 256, 32),
                        Parameter.integer("boxesPerLeaf", "Boxes per leaf", 1, 64, TopologyGenerators.POD_BOXES_PER_LEAF),
                        Parameter.integer("spines", "Spines", 1, 64, TopologyGenerators.POD_SPINES),
                        Parameter.integer("oversubscription", "Oversubscription", 1, 8, 1), nicNodesParameter()),
                build,
                v -> (v.b("nicNodes") ? 17L : 9L) * v.i("boxes") + podLeaves(v) + v.i("spines"),
                v -> (v.b("nicNodes") ? 24L : 16L) * v.i("boxes") + podLeaves(v) * v.i("spines"));
    }

    /** Each GPU's NIC as its own node between the GPU and its rail or leaf switch (ForestColl's model). */
    private static Parameter nicNodesParameter() {
        return Parameter.bool("nicNodes", "NIC nodes", false);
    }

    private static long podLeaves(Values v) {
        long units = (v.i("boxes") + v.i("boxesPerLeaf") - 1) / v.i("boxesPerLeaf");
        return units * TopologyGenerators.DGX_GPUS;
    }

    /** The links TopologyGenerators' grid makes: right and down neighbours, wrapping along sizes above 2. */
    private static long gridLinks(int rows, int cols, boolean wrap) {
        long horizontal = (long) rows * (cols - 1) + (wrap && cols > 2 ? rows : 0);
        long vertical = (long) cols * (rows - 1) + (wrap && rows > 2 ? cols : 0);
        return horizontal + vertical;
    }
}
