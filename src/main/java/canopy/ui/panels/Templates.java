package canopy.ui.panels;

import canopy.generate.TemplateCatalog;
import canopy.ui.insight.Figures;
import java.util.Map;

/**
 * What File › New from template… shows of a {@link TemplateCatalog} template: view-model text for
 * {@link canopy.ui.panels.TemplateDialog}, testable without a window. The templates themselves, their
 * parameters and bounds are the catalog's.
 */
public final class Templates {
    private Templates() {
    }

    /** "16 accelerators · 4 switches · 48 links", or why the values do not make a topology. */
    public static String preview(TemplateCatalog.Template t, Map<String, ?> values) {
        try {
            return Figures.counts(t.create(values));
        } catch (RuntimeException e) {
            return "Cannot generate: " + e.getMessage();
        }
    }
}
