package canopy.cli;

import canopy.engine.UpgradeAdvisor;
import canopy.generate.TopologyGenerators;
import canopy.model.Topology;
import java.io.PrintWriter;

/** The what-if section of {@code canopy bench}: the full upgrade ranking on 2x MI250, timed. */
final class WhatIfBench {
    private WhatIfBench() {
    }

    static void run(PrintWriter out) {
        Topology t = TopologyGenerators.mi250(2);
        UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(UpgradeAdvisor.DEFAULT_BY, 10)); // warm-up
        UpgradeAdvisor.Stats with = UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(UpgradeAdvisor.DEFAULT_BY, 10))
                .stats();
        UpgradeAdvisor.Stats without = UpgradeAdvisor.rank(t,
                new UpgradeAdvisor.Options(UpgradeAdvisor.DEFAULT_BY, null, 10, false)).stats();
        out.println("whatif --upgrade-rank on " + t.name() + " (" + with.candidates() + " links, top 10 with b*): "
                + Cli.seconds(with.nanos()) + " (" + with.boundComputations() + " exact bounds, "
                + with.provedByCuts() + " candidate directions proved by tight cuts); without tight-cut proofs: "
                + Cli.seconds(without.nanos()) + " (" + without.boundComputations() + " exact bounds)");
        out.flush();
    }
}
