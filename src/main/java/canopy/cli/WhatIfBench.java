package canopy.cli;

import canopy.engine.LinkClassAdvisor;
import canopy.engine.UpgradeAdvisor;
import canopy.generate.TopologyGenerators;
import canopy.model.Topology;
import java.io.PrintWriter;

/** The what-if section of {@code canopy bench}: the full upgrade rankings on 2x MI250, timed. */
final class WhatIfBench {
    private WhatIfBench() {
    }

    static void run(PrintWriter out) {
        Topology t = TopologyGenerators.mi250(2);
        UpgradeAdvisor.Options options = UpgradeAdvisor.Options.by(UpgradeAdvisor.DEFAULT_BY, 10);
        UpgradeAdvisor.rank(t, options); // warm-up
        UpgradeAdvisor.Stats with = UpgradeAdvisor.rank(t, options).stats();
        UpgradeAdvisor.Stats without = UpgradeAdvisor.rank(t,
                new UpgradeAdvisor.Options(UpgradeAdvisor.DEFAULT_BY, null, 10, false)).stats();
        out.println("whatif --upgrade-rank on " + t.name() + " (" + with.candidates() + " links, top 10 with b*): "
                + Cli.seconds(with.nanos()) + " (" + with.boundComputations() + " exact bounds, "
                + with.provedByCuts() + " candidate directions proved by tight cuts); without tight-cut proofs: "
                + Cli.seconds(without.nanos()) + " (" + without.boundComputations() + " exact bounds)");
        LinkClassAdvisor.rank(t, options); // warm-up
        UpgradeAdvisor.Stats classes = LinkClassAdvisor.rank(t, options).stats();
        out.println("whatif --upgrade-rank --by-class on " + t.name() + " (" + classes.candidates()
                + " classes, all with b*): " + Cli.seconds(classes.nanos()) + " (" + classes.boundComputations()
                + " exact bounds, " + classes.breakpointComputations() + " for breakpoints)");
        out.flush();
    }
}
