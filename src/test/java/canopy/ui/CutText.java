package canopy.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** The labels and cells under a node that do not show their whole text (JavaFX cut them with an ellipsis). */
final class CutText {
    private CutText() {
    }

    /** "'full' shown as 'fu...'" for each visible Labeled under root whose drawn text is not its text. */
    static List<String> in(Parent root) {
        List<String> cut = new ArrayList<>();
        for (Node n : root.lookupAll("*")) {
            if (n instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty()) {
                String shown = shown(l);
                if (!l.getText().equals(shown)) {
                    cut.add("'" + l.getText() + "' shown as '" + shown + "'");
                }
            }
        }
        return cut;
    }

    /** How many visible Labeled with text there are under root (so a test knows it looked at some). */
    static long labelled(Parent root) {
        return root.lookupAll("*").stream()
                .filter(n -> n instanceof Labeled l && l.isVisible() && l.getText() != null && !l.getText().isEmpty())
                .count();
    }

    /** The text a Labeled actually draws: its skin's Text, clipped with an ellipsis when it does not fit. */
    private static String shown(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t) {
                return t.getText();
            }
        }
        return "";
    }
}
