package canopy.ui;

/** The designer's two looks (AtlantaFX Primer light and dark). */
public enum Theme {
    LIGHT, DARK
}
