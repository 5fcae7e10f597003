package dev.tributary.app.topology;

import javafx.scene.paint.Color;

/** Colours of the canvas drawings for one UI theme (the controls take theirs from CSS). */
public record Theme(String name, Color background, Color text, Color muted, Color box, Color boxBorder, Color edge,
                    Color busy, Color idle, Color queue, Color lag, Color selected) {

    /** Dark theme: for projectors in dim rooms. */
    public static final Theme DARK = new Theme("dark", Color.web("#1e2127"), Color.web("#e8eaed"), Color.web("#9aa0a6"),
            Color.web("#2b303a"), Color.web("#5f6672"), Color.web("#6b7280"), Color.web("#34d399"), Color.web("#3a404c"),
            Color.web("#60a5fa"), Color.web("#f87171"), Color.web("#fbbf24"));
    /** Light theme: for bright rooms and printouts. */
    public static final Theme LIGHT = new Theme("light", Color.web("#fbfbfd"), Color.web("#1f2328"), Color.web("#57606a"),
            Color.web("#ffffff"), Color.web("#8c959f"), Color.web("#afb8c1"), Color.web("#1a7f37"), Color.web("#d0d7de"),
            Color.web("#0969da"), Color.web("#cf222e"), Color.web("#bf8700"));
}
