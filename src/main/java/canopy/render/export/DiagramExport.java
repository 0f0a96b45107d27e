package canopy.render.export;

import canopy.io.AtomicFiles;
import canopy.model.Topology;
import canopy.render.Aggregation;
import canopy.render.DiagramGraphics;
import canopy.render.DiagramPainter;
import canopy.render.DiagramScene;
import canopy.render.DiagramStyle;
import canopy.render.Legend;
import canopy.render.Rect;
import canopy.render.ScheduleOverlay;
import canopy.render.Viewport;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The diagram as a file: PNG, SVG or PDF, drawn by {@link DiagramPainter} (the code that draws the
 * screen) through an export back-end. The topology is fitted into a page 1600 units wide whose height
 * follows its shape (600 to 1200), with a band at the bottom for the legend when there is one; the
 * scale multiplies the output size (PNG pixels, SVG width/height, PDF points). No JavaFX here.
 */
public final class DiagramExport {
    public static final double PAGE_WIDTH = 1600;
    public static final double MIN_HEIGHT = 600;
    public static final double MAX_HEIGHT = 1200;
    static final double MARGIN = 40;

    /**
     * The file formats, each with how it draws the page: a new format is one class in this package and one
     * constant here; the command line, the designer's save dialog and their messages read this list.
     */
    public enum Format {
        PNG("PNG image", " px", true) {
            @Override
            byte[] draw(DiagramScene scene, Page page, ScheduleOverlay overlay, double scale) throws IOException {
                return png(scene, page, overlay, scale);
            }
        },
        SVG("SVG drawing", "", false) {
            @Override
            byte[] draw(DiagramScene scene, Page page, ScheduleOverlay overlay, double scale) {
                SvgGraphics g = new SvgGraphics(page.width(), page.height(), scale);
                paint(g, scene, page, overlay);
                return g.toSvg().getBytes(StandardCharsets.UTF_8);
            }
        },
        PDF("PDF document", " pt", false) {
            @Override
            byte[] draw(DiagramScene scene, Page page, ScheduleOverlay overlay, double scale) throws IOException {
                PdfGraphics g = new PdfGraphics(page.width(), page.height(), scale);
                paint(g, scene, page, overlay);
                return g.toBytes();
            }
        };

        private final String description;
        private final String sizeUnit;
        private final boolean pixels;

        Format(String description, String sizeUnit, boolean pixels) {
            this.description = description;
            this.sizeUnit = sizeUnit;
            this.pixels = pixels;
        }

        /** The file's bytes: the page drawn at scale × its size. */
        abstract byte[] draw(DiagramScene scene, Page page, ScheduleOverlay overlay, double scale) throws IOException;

        /** What a save dialog calls it: "PNG image". */
        public String description() {
            return description;
        }

        /** The file name extension without the dot: "png". */
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** What a size in this format counts, with a leading space (" px", " pt"), or "" (SVG's units). */
        public String sizeUnit() {
            return sizeUnit;
        }

        /** Whether the file is made of pixels, so its scale decides its sharpness (the designer asks for it). */
        public boolean isPixels() {
            return pixels;
        }

        /** ".png, .svg or .pdf": how messages name the extensions that choose a format. */
        public static String extensions() {
            StringBuilder b = new StringBuilder();
            Format[] all = values();
            for (int i = 0; i < all.length; i++) {
                b.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append('.').append(all[i].extension());
            }
            return b.toString();
        }

        /** The format of a file name's extension (.png, .svg, .pdf), or null. */
        public static Format ofFileName(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (n.endsWith("." + f.extension())) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The page (before scaling) and where the diagram sits on it. */
    public record Page(double width, double height, Viewport viewport) {
    }

    private DiagramExport() {
    }

    /** The page for t: 1600 wide, the height of its shape, the legend band when overlay has a congestion view. */
    public static Page page(DiagramScene scene, ScheduleOverlay overlay) {
        Rect b = scene.bounds();
        boolean legend = overlay != null && !overlay.arcUtilisation().isEmpty();
        double band = legend ? (scene.hasBundles() ? Legend.BUNDLED_HEIGHT : Legend.HEIGHT)
                + 2 * DiagramPainter.LEGEND_MARGIN : 0;
        double aspect = b.width() > 0 ? b.height() / b.width() : 0.6;
        double h = Math.round(Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT,
                aspect * (PAGE_WIDTH - 2 * MARGIN) + 2 * MARGIN + band)));
        Viewport fit = Viewport.fit(b, PAGE_WIDTH, h - band, MARGIN);
        return new Page(PAGE_WIDTH, h, new Viewport(fit.scale(), fit.tx(), fit.ty(), PAGE_WIDTH, h));
    }

    /**
     * The scene of t as the page draws it: at the page's zoom a big network is drawn as its overview
     * (groups as boxes, crowded tiers as bars, links bundled), as the designer draws it at that zoom.
     */
    public static DiagramScene scene(Topology t, DiagramStyle style, ScheduleOverlay overlay) {
        DiagramScene plain = DiagramScene.of(t, style);
        Aggregation a = Aggregation.at(t, page(plain, overlay).viewport().scale(), Set.of());
        return a.overview() ? DiagramScene.of(t, a, style) : plain;
    }

    /** Draws the diagram onto g, a back-end of the page's size. */
    public static void paint(DiagramGraphics g, DiagramScene scene, Page page, ScheduleOverlay overlay) {
        DiagramPainter p = new DiagramPainter();
        p.setGridStep(0);
        p.setScheduleOverlay(overlay);
        p.paint(g, scene, page.viewport(), canopy.render.Overlay.NONE);
    }

    /** The file's bytes. */
    public static byte[] render(Topology t, ScheduleOverlay overlay, Format format, double scale, DiagramStyle style)
            throws IOException {
        if (!(scale > 0) || !Double.isFinite(scale) || scale > 16) {
            throw new IllegalArgumentException("scale must be in (0, 16], not " + scale);
        }
        DiagramScene scene = scene(t, style, overlay);
        Page page = page(scene, overlay);
        return format.draw(scene, page, overlay, scale);
    }

    /** The PNG: scale × the page in pixels, drawn by Java2D on an image: no display is needed (the CLI
     * runs with java.awt.headless=true). */
    static byte[] png(DiagramScene scene, Page page, ScheduleOverlay overlay, double scale) throws IOException {
        int w = (int) Math.round(page.width() * scale);
        int h = (int) Math.round(page.height() * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = img.createGraphics();
        try {
            g2.scale(w / page.width(), h / page.height());
            paint(new Java2dGraphics(g2), scene, page, overlay);
        } finally {
            g2.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }

    /** Writes the diagram of t (with overlay, or null) as format to out, atomically, in the light style. */
    public static void export(Topology t, ScheduleOverlay overlay, Format format, double scale, Path out)
            throws IOException {
        export(t, overlay, format, scale, DiagramStyle.LIGHT, out);
    }

    public static void export(Topology t, ScheduleOverlay overlay, Format format, double scale, DiagramStyle style,
                              Path out) throws IOException {
        AtomicFiles.write(out, render(t, overlay, format, scale, style));
    }
}
