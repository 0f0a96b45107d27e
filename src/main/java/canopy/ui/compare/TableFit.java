package canopy.ui.compare;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Sizes a table to its text as the theme draws it (font and padding read from the cells on screen): each
 * leaf column to its widest cell or header, which also becomes its minimum (a column squeezed below its
 * text shows "100...." instead of the figure), the rows to the tallest cell (a cell may hold several
 * lines), the table's minimum width to the columns' sum (so a split pane gives it that and the rest to
 * its neighbour) and its height to the header and every row.
 */
final class TableFit {
    /** Room for the text's rounding and the ellipsis test JavaFX makes against the exact width. */
    private static final double SLACK = 4;

    private TableFit() {
    }

    /** Fits table to its content; call once it is shown (its CSS applied). */
    static <S> void fit(TableView<S> table) {
        table.applyCss();
        table.layout();
        TableCell<?, ?> sample = null;
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> c) {
                sample = c;
                break;
            }
        }
        Font font = sample != null ? sample.getFont() : Font.getDefault();
        double cellPadding = sample != null ? sample.snappedLeftInset() + sample.snappedRightInset() : 8;
        double cellHeight = sample != null ? sample.snappedTopInset() + sample.snappedBottomInset() : 8;
        double total = 0;
        double textHeight = 0;
        for (TableColumn<S, ?> column : leaves(table.getColumns())) {
            double width = headerWidth(table, column);
            for (int row = 0; row < table.getItems().size(); row++) {
                Object value = column.getCellData(row);
                if (value != null) {
                    var bounds = textBounds(value.toString(), font);
                    width = Math.max(width, bounds.getWidth() + cellPadding + SLACK);
                    textHeight = Math.max(textHeight, bounds.getHeight());
                }
            }
            width = Math.ceil(width);
            column.setMinWidth(width);
            column.setPrefWidth(width);
            total += width;
        }
        // The vertical scroll bar's room, in case the rows outgrow the table's height.
        table.setMinWidth(Math.ceil(total + table.snappedLeftInset() + table.snappedRightInset() + 16));
        double row = Math.ceil(textHeight + cellHeight + SLACK);
        table.setFixedCellSize(row);
        Node header = table.lookup(".column-header-background");
        double headerHeight = header != null ? header.prefHeight(-1) : 2 * row;
        table.setPrefHeight(Math.ceil(headerHeight + row * Math.max(2, table.getItems().size())
                + table.snappedTopInset() + table.snappedBottomInset() + SLACK));
    }

    /** The width column's header label needs, with the header's own padding. */
    private static double headerWidth(TableView<?> table, TableColumn<?, ?> column) {
        for (Node n : table.lookupAll(".column-header")) {
            if (n instanceof javafx.scene.control.skin.TableColumnHeader h && h.getTableColumn() == column) {
                for (Node c : h.getChildrenUnmodifiable()) {
                    if (c instanceof Label l) {
                        return l.prefWidth(-1) + h.snappedLeftInset() + h.snappedRightInset() + SLACK;
                    }
                }
            }
        }
        return textBounds(column.getText(), Font.getDefault()).getWidth() + 16;
    }

    private static javafx.geometry.Bounds textBounds(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds();
    }

    private static <S> List<TableColumn<S, ?>> leaves(List<TableColumn<S, ?>> columns) {
        List<TableColumn<S, ?>> out = new ArrayList<>();
        for (TableColumn<S, ?> c : columns) {
            if (c.getColumns().isEmpty()) {
                out.add(c);
            } else {
                out.addAll(leaves(c.getColumns()));
            }
        }
        return out;
    }
}
