package dev.tributary.app;

import javafx.application.Application;

/** Entry point for a fat jar: a main class that does not extend Application. */
public final class Launcher {

    private Launcher() {
    }

    /** Starts the app. */
    public static void main(String[] args) {
        Application.launch(TributaryApp.class, args);
    }
}
