package dev.tributary.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The Tributary desktop application. */
public class TributaryApp extends Application {

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Label("Tributary"), 640, 480));
        stage.setTitle("Tributary");
        stage.show();
    }
}
