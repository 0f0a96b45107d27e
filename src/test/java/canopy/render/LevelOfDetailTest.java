package canopy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LevelOfDetailTest {
    private final DiagramStyle style = DiagramStyle.LIGHT;

    @Test
    void zoomedOutDropsLabelsArrowheadsAndGrid() {
        LevelOfDetail far = LevelOfDetail.at(0.2, style);
        assertFalse(far.nodeLabels());
        assertFalse(far.linkLabels());
        assertFalse(far.arrowheads());
        assertFalse(far.grid());
        assertFalse(far.nodeOutlines());
        assertEquals(LevelOfDetail.MIN_NODE_RADIUS_PX, LevelOfDetail.at(0.01, style).nodeRadiusPx());
    }

    @Test
    void zoomedInShowsEverything() {
        LevelOfDetail near = LevelOfDetail.at(2, style);
        assertTrue(near.nodeLabels() && near.linkLabels() && near.arrowheads() && near.grid()
                && near.nodeOutlines() && near.dashedGroups() && near.groupLabels());
        assertEquals(28, near.nodeRadiusPx(), 1e-9);
    }

    @Test
    void thresholdsAreInclusive() {
        assertTrue(LevelOfDetail.at(LevelOfDetail.NODE_LABELS, style).nodeLabels());
        assertFalse(LevelOfDetail.at(LevelOfDetail.NODE_LABELS - 1e-9, style).nodeLabels());
        assertTrue(LevelOfDetail.at(LevelOfDetail.ARROWHEADS, style).arrowheads());
        assertFalse(LevelOfDetail.at(LevelOfDetail.LINK_LABELS - 1e-9, style).linkLabels());
    }

    @Test
    void crowdedViewsGetNoLabelsOrGroupFills() {
        LevelOfDetail near = LevelOfDetail.at(2, style);
        assertTrue(near.nodeLabelsFor(LevelOfDetail.MAX_NODE_LABELS));
        assertFalse(near.nodeLabelsFor(LevelOfDetail.MAX_NODE_LABELS + 1));
        assertFalse(near.linkLabelsFor(LevelOfDetail.MAX_LINK_LABELS + 1));
        assertTrue(near.groupFillsFor(3));
        assertFalse(near.groupFillsFor(LevelOfDetail.MAX_GROUP_FILLS + 1));
    }

    @Test
    void linkWidthIsLogScaledBetweenTheFilesExtremes() {
        assertEquals(style.minLinkWidth(), style.linkWidth(25, 25, 400), 1e-9);
        assertEquals(style.maxLinkWidth(), style.linkWidth(400, 25, 400), 1e-9);
        // 100 is halfway between 25 and 400 on a log scale.
        assertEquals((style.minLinkWidth() + style.maxLinkWidth()) / 2, style.linkWidth(100, 25, 400), 1e-9);
        // One bandwidth in the whole file: the middle width.
        assertEquals((style.minLinkWidth() + style.maxLinkWidth()) / 2, style.linkWidth(50, 50, 50), 1e-9);
    }
}
