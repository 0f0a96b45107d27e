/**
 * The diagram renderer, free of any toolkit: {@link canopy.render.DiagramScene} turns a topology into
 * world geometry once per change; {@link canopy.render.DiagramPainter} draws it through a
 * {@link canopy.render.Viewport} into any {@link canopy.render.DiagramGraphics} (the JavaFX canvas,
 * later SVG and PDF), culling what is off screen and leaving out what the
 * {@link canopy.render.LevelOfDetail} drops at the zoom; {@link canopy.render.HitTester} answers what
 * lies under the mouse from the same geometry. One renderer, many outputs: the screen and the files
 * cannot drift apart.
 *
 * <p>Costs measured with JavaFX's software pipeline on the 2-core build machine (canopy bench-ui,
 * 1,000 nodes and 4,000 links at 1600 × 1000) steered the design: links are stroked as one path per
 * width class and colour, with butt caps; node outlines are a second fill, not a stroke; grid lines
 * are one-pixel rectangles; label halos are plates, not stroked glyphs; labels and group fills are
 * dropped when too many are in view.
 */
package canopy.render;
