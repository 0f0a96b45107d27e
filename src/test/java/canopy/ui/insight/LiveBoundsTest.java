package canopy.ui.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.Bounds;
import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.ui.document.DesignDocument;
import canopy.ui.document.TopologyEdits;
import canopy.ui.task.CurrentThreadTaskExecutor;
import canopy.ui.task.HeldTaskExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LiveBounds with the synchronous executor (and a manual one for debouncing): no toolkit. */
class LiveBoundsTest {
    static Topology sample() throws Exception {
        return TopologyJson.read(Path.of("sample-topologies", "two-boxes.json"));
    }

    @Test
    void statusFollowsEdits() throws Exception {
        DesignDocument doc = new DesignDocument(sample(), null);
        LiveBounds live = new LiveBounds(doc.topologyProperty(), new CurrentThreadTaskExecutor(), Duration.ZERO);
        assertEquals("AG 285.7 GB/s · AR 142.9 GB/s optimal", live.statusText());

        // Every NIC to the spine at 100 instead of 50.
        doc.edit("Faster NICs", t -> {
            List<Link> links = new ArrayList<>();
            for (Link l : t.links()) {
                links.add(l.to().equals("spine") ? l.withBandwidth(Rational.of(100)) : l);
            }
            return t.withLinks(links);
        });
        Bounds expected = Bounds.of(doc.topology());
        assertEquals(LiveBounds.describe(expected, "GB/s"), live.statusText());
        assertFalse(live.statusText().equals("AG 285.7 GB/s · AR 142.9 GB/s optimal"));
        assertEquals(expected, live.boundsProperty().get());

        doc.history().undo();
        assertEquals("AG 285.7 GB/s · AR 142.9 GB/s optimal", live.statusText());
    }

    @Test
    void anInvalidTopologySaysHowManyProblems() throws Exception {
        DesignDocument doc = new DesignDocument(sample(), null);
        LiveBounds live = new LiveBounds(doc.topologyProperty(), new CurrentThreadTaskExecutor(), Duration.ZERO);
        doc.edit("Unbalance", t -> TopologyEdits.addLink(t, Link.oneWay("box0-gpu0", "spine", Rational.of(5))));
        assertEquals("bound: fix 1 problem", live.statusText());
        assertEquals(null, live.boundsProperty().get());
        doc.edit("Lone switch", t -> TopologyEdits.addLink(t, Link.oneWay("box0-gpu1", "box1-nvs", Rational.of(5))));
        assertEquals("bound: fix " + live.problems().size() + " problems", live.statusText());
        assertTrue(live.problems().size() >= 2);
        live.showCutProperty().set(true);
        assertTrue(live.cutSentenceProperty().get().startsWith("No bound while the topology has problems"));
        assertTrue(live.cutNodeIdsProperty().get().isEmpty());
    }

    @Test
    void aNewerEditCancelsTheOlderComputation() throws Exception {
        DesignDocument doc = new DesignDocument(sample(), null);
        HeldTaskExecutor ex = new HeldTaskExecutor();
        LiveBounds live = new LiveBounds(doc.topologyProperty(), ex, LiveBounds.DEFAULT_DELAY);
        assertEquals("bound: computing…", live.statusText());
        assertTrue(live.computingProperty().get());
        doc.edit("a", t -> TopologyEdits.replaceLink(t, 0, t.links().get(0).withBandwidth(Rational.of(1))));
        doc.edit("b", t -> TopologyEdits.replaceLink(t, 0, t.links().get(0).withBandwidth(Rational.of(2))));
        assertEquals(3, ex.queued.size());
        assertTrue(ex.queued.get(0).isCancelled());
        assertTrue(ex.queued.get(1).isCancelled());
        assertFalse(ex.queued.get(2).isCancelled());
        ex.runAll();
        assertEquals(LiveBounds.describe(Bounds.of(doc.topology()), "GB/s"), live.statusText());
        assertFalse(live.computingProperty().get());
    }

    @Test
    void theCutIsExplainedExactly() throws Exception {
        DesignDocument doc = new DesignDocument(TopologyGenerators.dgxA100(2), null);
        LiveBounds live = new LiveBounds(doc.topologyProperty(), new CurrentThreadTaskExecutor(), Duration.ZERO);
        assertTrue(live.cutNodeIdsProperty().get().isEmpty(), "hidden until asked for");
        live.showCutProperty().set(true);
        Bounds b = live.boundsProperty().get();
        BottleneckCut cut = live.cutProperty().get();
        var bound = cut.reduceScatter() ? b.reduceScatter() : b.allgather();
        assertEquals(Set.copyOf(bound.cut()), live.cutNodeIdsProperty().get());
        // The links crossing the cut in the bound's direction carry exactly B⁺(S).
        Topology t = doc.topology();
        Rational sum = Rational.ZERO;
        for (int i : live.cutLinkIndicesProperty().get()) {
            sum = sum.add(t.links().get(i).bandwidth());
        }
        assertEquals(bound.cutBandwidth(), sum);
        String s = live.cutSentenceProperty().get();
        assertTrue(s.startsWith("These " + bound.cutAccelerators() + " accelerators"), s);
        assertTrue(s.contains("can send only " + Figures.bandwidth(bound.cutBandwidth()) + " GB/s to the rest of the network"), s);
        assertTrue(s.endsWith("= " + Figures.bandwidth(bound.algbw()) + " GB/s."), s);
        live.showCutProperty().set(false);
        assertEquals("", live.cutSentenceProperty().get());
    }

    @Test
    void aOneWayRingsReduceScatterCutCountsIncomingLinks() {
        // One-way ring with one slow link: the allgather and reduce-scatter cuts differ in direction.
        Topology ring = TopologyGenerators.ring(4, Rational.of(100), false);
        Topology t = TopologyEdits.replaceLink(ring, 0, ring.links().get(0).withBandwidth(Rational.of(10)));
        Bounds b = Bounds.of(t);
        BottleneckCut cut = BottleneckCut.of(t, b);
        var bound = cut.reduceScatter() ? b.reduceScatter() : b.allgather();
        Rational sum = Rational.ZERO;
        for (int i : cut.linkIndices()) {
            Link l = t.links().get(i);
            assertEquals(cut.reduceScatter(), cut.nodeIds().contains(l.to()), l.describe());
            sum = sum.add(l.bandwidth());
        }
        assertEquals(bound.cutBandwidth(), sum);
    }

    @Test
    void figures() {
        assertEquals("300", Figures.bandwidth(Rational.of(300)));
        assertEquals("346.7", Figures.bandwidth(Rational.of(1040, 3)));
        assertEquals("12.5", Figures.bandwidth(Rational.of(25, 2)));
        assertEquals("1 switch", Figures.count(1, "switch"));
        assertEquals("2 switches", Figures.count(2, "switch"));
    }
}
