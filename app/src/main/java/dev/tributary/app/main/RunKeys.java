package dev.tributary.app.main;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The run keys of every window with a run: Space, → or ., R, + and −. In a text field only Space
 * acts (a typed digit stays a digit) and Escape gives the focus back to {@code home}, so the keys
 * work again whatever had focus.
 */
final class RunKeys {

    private RunKeys() {
    }

    /** Acts on {@code e} for {@code run} and consumes it if it was a run key. */
    static void handle(KeyEvent e, Node home, RunControls run) {
        boolean typing = e.getTarget() instanceof TextInputControl;
        if (typing && e.getCode() == KeyCode.ESCAPE) {
            home.requestFocus();
            e.consume();
            return;
        }
        if (typing && e.getCode() != KeyCode.SPACE) {
            return;
        }
        switch (e.getCode()) {
            case SPACE -> run.togglePlay();
            case RIGHT, PERIOD -> run.step();
            case R -> run.reset();
            case PLUS, EQUALS, ADD -> run.faster();
            case MINUS, SUBTRACT -> run.slower();
            default -> {
                return;
            }
        }
        e.consume();
    }
}
