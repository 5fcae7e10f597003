package dev.tributary.app.main;

import javafx.beans.property.DoubleProperty;
import javafx.event.EventHandler;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** What every Tributary window shares: its size and place on the screen, and the app's stylesheets. */
final class AppWindow {

    private AppWindow() {
    }

    /**
     * The size of a window on this screen: the whole visual area of a small screen (a projector at
     * 1280×720 or 1024×768), nine tenths of a large one.
     */
    static Dimension2D size() {
        Rectangle2D vb = Screen.getPrimary().getVisualBounds();
        return new Dimension2D(vb.getWidth() > 1920 ? vb.getWidth() * 0.9 : vb.getWidth(),
                vb.getHeight() > 1200 ? vb.getHeight() * 0.9 : vb.getHeight());
    }

    /** Puts {@code root} on {@code stage} in a scene of {@link #size()}, centred on the screen; returns the scene. */
    static Scene place(Stage stage, Parent root) {
        Rectangle2D vb = Screen.getPrimary().getVisualBounds();
        Dimension2D d = size();
        Scene scene = new Scene(root, d.getWidth(), d.getHeight());
        stage.setX(vb.getMinX() + (vb.getWidth() - d.getWidth()) / 2);
        stage.setY(vb.getMinY() + (vb.getHeight() - d.getHeight()) / 2);
        stage.setScene(scene);
        return scene;
    }

    /**
     * A window the main one opens (compare, sweep), not shown yet: a new stage over {@code owner} (none:
     * on its own) with {@code root} placed as {@link #place} does, titled, no smaller than
     * {@code minWidth} × {@code minHeight}, {@code keys} seeing every key before the focused control, and
     * {@code closed} run when it is hidden (closed by any means).
     */
    static Stage open(Stage owner, Parent root, String title, double minWidth, double minHeight,
            EventHandler<KeyEvent> keys, Runnable closed) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        place(stage, root).addEventFilter(KeyEvent.KEY_PRESSED, keys);
        stage.setTitle(title);
        stage.setMinWidth(minWidth);
        stage.setMinHeight(minHeight);
        stage.setOnHidden(e -> closed.run());
        return stage;
    }

    /** Sets the app's stylesheets on {@code scene}, dark or light; nothing when there is no scene yet. */
    static void style(Scene scene, boolean dark) {
        if (scene == null) {
            return;
        }
        scene.getStylesheets().setAll(
                AppWindow.class.getResource("/dev/tributary/app/tributary.css").toExternalForm(),
                AppWindow.class.getResource("/dev/tributary/app/" + (dark ? "dark" : "light") + ".css").toExternalForm());
    }

    /**
     * The zoom keys of a window sharing the main window's {@code zoom}: Ctrl+= and Ctrl+− step it as the
     * main window's do, Ctrl+0 fits it to {@code root}. Consumes {@code e} and returns true when it was one.
     */
    static boolean zoomKey(KeyEvent e, DoubleProperty zoom, Region root) {
        if (!e.isShortcutDown()) {
            return false;
        }
        switch (e.getCode()) {
            case EQUALS, PLUS, ADD -> zoom.set(Math.min(MainViewModel.MAX_ZOOM, zoom.get() * MainViewModel.ZOOM_STEP));
            case MINUS, SUBTRACT -> zoom.set(Math.max(MainViewModel.MIN_ZOOM, zoom.get() / MainViewModel.ZOOM_STEP));
            case DIGIT0, NUMPAD0 -> zoom.set(MainView.zoomFor(root.getWidth(), root.getHeight()));
            default -> {
                return false;
            }
        }
        e.consume();
        return true;
    }
}
