package canopy.ui;

import canopy.generate.TopologyGenerators;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.ui.insight.Figures;
import java.util.List;
import java.util.function.Function;

/**
 * The generators offered by File › New from template…, with their parameters: view-model data for
 * {@link canopy.ui.panels.TemplateDialog}, testable without a window.
 */
public final class Templates {
    private Templates() {
    }

    /** An integer parameter (a spinner) or, with min 0 and max 1 and {@code toggle}, a check box. */
    public record Parameter(String label, int min, int max, int initial, boolean toggle) {
        static Parameter count(String label, int min, int max, int initial) {
            return new Parameter(label, min, max, initial, false);
        }

        static Parameter toggle(String label, boolean initial) {
            return new Parameter(label, 0, 1, initial ? 1 : 0, true);
        }
    }

    /** One generator: its name, parameters, and the function from their values to a topology. */
    public record Template(String name, List<Parameter> parameters, Function<int[], Topology> generator) {
        public Topology generate(int[] values) {
            return generator.apply(values);
        }

        public int[] defaults() {
            return parameters.stream().mapToInt(Parameter::initial).toArray();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Boxes, boxes per leaf, spines, oversubscription of a rail-optimised DGX pod. */
    private static final List<Parameter> POD_PARAMETERS = List.of(Parameter.count("Boxes", 1, 128, 32),
            Parameter.count("Boxes per leaf", 1, 64, TopologyGenerators.POD_BOXES_PER_LEAF),
            Parameter.count("Spines", 1, 64, TopologyGenerators.POD_SPINES), Parameter.count("Oversubscription", 1, 8, 1));

    public static final List<Template> ALL = List.of(
            new Template("DGX A100", List.of(Parameter.count("Boxes", 1, 64, 2), Parameter.count("Rails", 1, 8, 2)),
                    v -> TopologyGenerators.dgxA100(v[0], v[1])),
            new Template("DGX H100", List.of(Parameter.count("Boxes", 1, 64, 2), Parameter.count("Rails", 1, 8, 8)),
                    v -> TopologyGenerators.dgxH100(v[0], v[1])),
            new Template("DGX H100 pod", POD_PARAMETERS,
                    v -> TopologyGenerators.dgxH100Pod(v[0], v[1], v[2], Rational.of(v[3]))),
            new Template("DGX A100 pod", POD_PARAMETERS,
                    v -> TopologyGenerators.dgxA100Pod(v[0], v[1], v[2], Rational.of(v[3]))),
            new Template("MI250", List.of(Parameter.count("Boxes", 1, 32, 2), Parameter.count("Rails", 1, 16, 2)),
                    v -> TopologyGenerators.mi250(v[0], v[1])),
            new Template("Fat tree", List.of(Parameter.count("Leaves", 1, 64, 4), Parameter.count("Hosts per leaf", 1, 64, 4),
                    Parameter.count("Spines", 1, 32, 2)),
                    v -> TopologyGenerators.fatTree(v[0], v[1], v[2], TopologyGenerators.IB_HDR, TopologyGenerators.IB_NDR)),
            new Template("2D torus", List.of(Parameter.count("Rows", 1, 64, 4), Parameter.count("Columns", 1, 64, 4)),
                    v -> TopologyGenerators.torus(v[0], v[1], TopologyGenerators.DEFAULT_DIRECT_BW)),
            new Template("Ring", List.of(Parameter.count("Accelerators", 2, 1024, 8), Parameter.toggle("Bidirectional", true)),
                    v -> TopologyGenerators.ring(v[0], TopologyGenerators.DEFAULT_DIRECT_BW, v[1] == 1)),
            new Template("2D mesh", List.of(Parameter.count("Rows", 1, 64, 4), Parameter.count("Columns", 1, 64, 4)),
                    v -> TopologyGenerators.mesh(v[0], v[1], TopologyGenerators.DEFAULT_DIRECT_BW)));

    /** "16 accelerators · 4 switches · 48 links", or why the parameters do not make a topology. */
    public static String preview(Template t, int[] values) {
        try {
            return counts(t.generate(values));
        } catch (RuntimeException e) {
            return "Cannot generate: " + e.getMessage();
        }
    }

    public static String counts(Topology t) {
        int acc = t.acceleratorCount();
        return Figures.count(acc, "accelerator") + " · " + Figures.count(t.nodes().size() - acc, "switch") + " · "
                + Figures.count(t.links().size(), "link");
    }
}
