package dev.tributary.app.main;

import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.stream.StreamSpec;

import dev.tributary.app.charts.ChartsView;
import dev.tributary.app.topology.Theme;
import dev.tributary.app.topology.TopologyView;
import dev.tributary.sim.element.ChannelSpec;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.scenario.Scenario;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The main window, built in code: menu and tool bar, the topology canvas above the live charts,
 * and a side panel with the selected element's what-if controls, details and Little's Law. All
 * state lives in {@link MainViewModel}; this class only binds and forwards.
 */
public final class MainView {

    /** Frame-rate log lines (TRIBUTARY_FPS_LOG=1), for measuring the app under load. */
    private static final System.Logger FPS_LOG = System.getLogger("dev.tributary.app.fps");

    private final MainViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TopologyView topology = new TopologyView();
    private final ChartsView charts;
    private final Label errorLabel = new Label();
    private final HBox errorBar;
    private final VBox whatIf = new VBox(6);
    private final ComboBox<String> elementBox = new ComboBox<>();
    private final Menu recentMenu = new Menu("Open _Recent");
    private final Button playButton = new Button("Play");
    private final Label fpsLabel = new Label();
    private Stage stage;
    private boolean dark = true;
    private double fps;
    private long frames;
    private long lastFpsNanos;

    /** Builds the view for {@code vm}. */
    public MainView(MainViewModel vm) {
        this.vm = vm;
        charts = new ChartsView(vm.charts());
        errorBar = buildErrorBar();
        VBox top = new VBox(buildMenu(), buildToolBar(), errorBar);
        root.setTop(top);
        SplitPane left = new SplitPane(topology, charts);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.45);
        SplitPane center = new SplitPane(left, buildSidePanel());
        center.setDividerPositions(0.74);
        root.setCenter(center);
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        fpsLabel.setId("fps");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(status, spacer, fpsLabel);
        statusBar.getStyleClass().add("status-bar");
        root.setBottom(statusBar);
        topology.setOnSelect(id -> vm.selectedProperty().set(id));
        vm.selectedProperty().addListener((o, a, b) -> {
            topology.setSelected(b);
            elementBox.setValue(b);
            rebuildWhatIf();
        });
        vm.scenarioProperty().addListener((o, a, b) -> {
            topology.setScenario(b);
            elementBox.getItems().setAll(vm.elementIds());
            elementBox.setValue(vm.selectedProperty().get());
            topology.setSelected(vm.selectedProperty().get());
            rebuildWhatIf();
            if (stage != null && b != null) {
                stage.setTitle("Tributary — " + b.name());
            }
        });
        vm.playingProperty().addListener((o, a, b) -> playButton.setText(b ? "Pause" : "Play"));
        vm.errorProperty().addListener((o, a, b) -> {
            errorBar.setVisible(!b.isEmpty());
            errorBar.setManaged(!b.isEmpty());
        });
        vm.recentFiles().addListener((javafx.collections.ListChangeListener<String>) c -> rebuildRecent());
        rebuildRecent();
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && vm.loadFile(e.getDragboard().getFiles().get(0).toPath());
            e.setDropCompleted(ok);
            e.consume();
        });
        root.getStyleClass().add("root-pane");
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        }.start();
    }

    private void frame(long nanos) {
        double wall = nanos / 1e9;
        boolean changed = vm.frame();
        topology.render(vm.snapshotProperty().get(), wall);
        charts.refresh(wall, false);
        frames++;
        if (nanos - lastFpsNanos >= 1_000_000_000L) {
            fps = frames * 1e9 / (nanos - lastFpsNanos);
            frames = 0;
            lastFpsNanos = nanos;
            fpsLabel.setText(String.format(Locale.ROOT, "%.0f frames/s", fps));
            if (System.getenv("TRIBUTARY_FPS_LOG") != null && vm.snapshotProperty().get() != null) {
                FPS_LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "fps %.1f events/s %.0f events %d", fps,
                        vm.snapshotProperty().get().eventsPerSecond(), vm.snapshotProperty().get().events()));
            }
        }
        if (changed && stage != null) {
            stage.getProperties().put("fps", fps);
        }
    }

    /** Frames per second drawn over the last second. */
    public double fps() {
        return fps;
    }

    /** Shows the view in {@code stage} at 1280×720. */
    public Scene attach(Stage s) {
        this.stage = s;
        Scene scene = new Scene(root, 1280, 720);
        applyTheme(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl || e.isShortcutDown()) {
                return;
            }
            switch (e.getCode()) {
                case SPACE -> vm.togglePlay();
                case RIGHT, PERIOD -> vm.step();
                case R -> vm.reset();
                case PLUS, EQUALS, ADD -> vm.faster();
                case MINUS, SUBTRACT -> vm.slower();
                default -> {
                    return;
                }
            }
            e.consume();
        });
        s.setScene(scene);
        s.setTitle("Tributary");
        return scene;
    }

    /** The root node (for tests and snapshots). */
    public BorderPane root() {
        return root;
    }

    /** The charts (for tests and exports). */
    public ChartsView chartsView() {
        return charts;
    }

    /** The topology canvas. */
    public TopologyView topologyView() {
        return topology;
    }

    private HBox buildErrorBar() {
        errorLabel.setId("errorBanner");
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.setWrapText(true);
        Button close = new Button("Dismiss");
        close.setTooltip(new Tooltip("Dismiss"));
        close.setOnAction(e -> vm.errorProperty().set(""));
        HBox bar = new HBox(10, errorLabel, close);
        HBox.setHgrow(errorLabel, Priority.ALWAYS);
        errorLabel.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add("error-bar");
        bar.setVisible(false);
        bar.setManaged(false);
        return bar;
    }

    private MenuBar buildMenu() {
        MenuItem open = new MenuItem("_Open…");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> openDialog());
        Menu examples = new Menu("_Examples");
        try {
            for (Examples.Example ex : Examples.list()) {
                MenuItem item = new MenuItem(ex.title() + "   (" + ex.name() + ")");
                item.setOnAction(e -> vm.loadExample(ex.name()));
                examples.getItems().add(item);
            }
        } catch (Exception e) {
            vm.errorProperty().set("Could not list the bundled examples: " + e.getMessage());
        }
        MenuItem png = new MenuItem("Export charts as _PNG…");
        png.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
        png.setOnAction(e -> exportPng());
        MenuItem csv = new MenuItem("Export run data as _CSV…");
        csv.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        csv.setOnAction(e -> exportCsv());
        MenuItem quit = new MenuItem("_Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            if (stage != null) {
                stage.close();
            }
        });
        Menu file = new Menu("_File", null, open, recentMenu, examples, new javafx.scene.control.SeparatorMenuItem(), png,
                csv, new javafx.scene.control.SeparatorMenuItem(), quit);
        MenuItem theme = new MenuItem("Toggle _dark / light theme");
        theme.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN));
        theme.setOnAction(e -> {
            dark = !dark;
            applyTheme(root.getScene());
        });
        MenuItem revert = new MenuItem("Undo what-if changes");
        revert.setOnAction(e -> vm.revertWhatIf());
        Menu view = new Menu("_View", null, theme, revert);
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setOnAction(e -> vm.errorProperty().set(""));
        keys.setOnAction(e -> showShortcuts());
        Menu help = new Menu("_Help", null, keys);
        return new MenuBar(file, view, help);
    }

    private void showShortcuts() {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText("""
                Space        play / pause
                → or .       step one event
                R            reset to t = 0
                + / −        faster / slower
                Ctrl+O       open a scenario
                Ctrl+E       export charts as PNG
                Ctrl+Shift+E export run data as CSV
                Ctrl+T       dark / light theme
                """);
        a.initOwner(stage);
        a.show();
    }

    private ToolBar buildToolBar() {
        playButton.setId("play");
        playButton.setMinWidth(80);
        playButton.setOnAction(e -> vm.togglePlay());
        playButton.setTooltip(new Tooltip("Play / pause (Space)"));
        Button step = new Button("Step");
        step.setId("step");
        step.setOnAction(e -> vm.step());
        step.setTooltip(new Tooltip("Execute one event (→)"));
        Button reset = new Button("Reset");
        reset.setId("reset");
        reset.setOnAction(e -> vm.reset());
        reset.setTooltip(new Tooltip("Back to t = 0 (R)"));
        Button slower = new Button("−");
        slower.setOnAction(e -> vm.slower());
        slower.setTooltip(new Tooltip("Slower (−)"));
        Button faster = new Button("+");
        faster.setOnAction(e -> vm.faster());
        faster.setTooltip(new Tooltip("Faster (+)"));
        Label speed = new Label();
        speed.setId("speed");
        speed.setMinWidth(70);
        speed.setAlignment(Pos.CENTER);
        speed.textProperty().bind(vm.speedIndexProperty().asString().map(s -> "speed "
                + MainViewModel.speedLabel(Integer.parseInt(s))));
        speed.setTooltip(new Tooltip("Simulated seconds per real second"));
        Label clock = new Label();
        clock.setId("clock");
        clock.getStyleClass().add("clock");
        clock.textProperty().bind(vm.clockProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        for (Button b : new Button[] {playButton, step, reset, slower, faster}) {
            b.setFocusTraversable(false);
        }
        return new ToolBar(playButton, step, reset, new Separator(), slower, speed, faster, grow, clock);
    }

    private Node buildSidePanel() {
        Label about = new Label();
        about.setId("about");
        about.setWrapText(true);
        about.getStyleClass().add("about");
        about.textProperty().bind(vm.scenarioProperty().map(s -> s.description().isBlank() ? s.name()
                : s.description().strip()).orElse(""));
        about.setMaxHeight(90);
        Label title = new Label("Element");
        title.getStyleClass().add("section");
        elementBox.setId("elementBox");
        elementBox.setMaxWidth(Double.MAX_VALUE);
        elementBox.setOnAction(e -> {
            if (elementBox.getValue() != null) {
                vm.selectedProperty().set(elementBox.getValue());
            }
        });
        elementBox.setTooltip(new Tooltip("The element the charts and details show (or click it in the diagram)"));
        Label whatIfTitle = new Label("What if…");
        whatIfTitle.getStyleClass().add("section");
        TextArea details = new TextArea();
        details.setId("details");
        details.setEditable(false);
        details.setWrapText(true);
        details.textProperty().bind(vm.detailsProperty());
        details.getStyleClass().add("details");
        VBox.setVgrow(details, Priority.ALWAYS);
        Label little = new Label();
        little.setId("little");
        little.setWrapText(true);
        little.textProperty().bind(vm.littleProperty());
        little.getStyleClass().add("little");
        VBox box = new VBox(8, about, title, elementBox, whatIfTitle, whatIf, details, little);
        box.setPadding(new Insets(8));
        box.setMinWidth(280);
        return box;
    }

    private void rebuildWhatIf() {
        whatIf.getChildren().clear();
        Scenario s = vm.scenarioProperty().get();
        String id = vm.selectedProperty().get();
        if (s == null || id == null) {
            return;
        }
        for (ProducerSpec p : s.producers()) {
            if (p.id().equals(id)) {
                double rate = p.arrivals().meanRate(s.duration());
                Spinner<Double> sp = new Spinner<>(0.001, 1e6, rate, Math.max(0.01, rate / 10));
                sp.setId("whatif-rate");
                forgiving(sp, Double::valueOf);
                sp.setEditable(true);
                sp.valueProperty().addListener((o, a, b) -> vm.setProducerRate(id, b));
                whatIf.getChildren().add(row("rate (events/s)", sp, "Mean arrival rate of " + id));
            }
        }
        for (ConsumerSpec c : s.consumers()) {
            if (c.id().equals(id)) {
                Spinner<Integer> inst = new Spinner<>(1, ConsumerSpec.MAX_INSTANCES, c.instances());
                inst.setId("whatif-instances");
                forgiving(inst, Integer::valueOf);
                inst.setEditable(true);
                inst.valueProperty().addListener((o, a, b) -> vm.setInstances(id, b));
                double ms = c.service().mean() * 1000;
                Spinner<Double> svc = new Spinner<>(0.001, 1e7, ms, Math.max(0.001, ms / 10));
                svc.setId("whatif-service");
                forgiving(svc, Double::valueOf);
                svc.setEditable(true);
                svc.valueProperty().addListener((o, a, b) -> vm.setServiceMean(id, b / 1000));
                whatIf.getChildren().addAll(row("instances", inst, "Workers in the group"),
                        row("mean service (ms)", svc, "Mean service time, same law"));
            }
        }
        s.channel(id).ifPresent(ch -> {
            if (ch.drawing().shape() == Drawing.Shape.LOG) {
                Spinner<Integer> parts = new Spinner<>(1, StreamSpec.MAX_PARTITIONS, ch.drawing().lanes());
                parts.setId("whatif-partitions");
                forgiving(parts, Integer::valueOf);
                parts.setEditable(true);
                parts.valueProperty().addListener((o, a, b) -> vm.setPartitions(id, b));
                whatIf.getChildren().add(row("partitions", parts, "Partitions of the stream"));
            }
        });
        if (whatIf.getChildren().isEmpty()) {
            Label none = new Label("Select a producer, consumer group or stream to change it.");
            none.setWrapText(true);
            whatIf.getChildren().add(none);
        } else {
            Label hint = new Label("Changes restart the run; predictions update at once.");
            hint.getStyleClass().add("hint");
            hint.setWrapText(true);
            whatIf.getChildren().add(hint);
        }
    }

    /**
     * Typed text that is not a number is ignored (the spinner shows its last value again) instead
     * of throwing on the UI thread.
     */
    private static <T> void forgiving(Spinner<T> spinner, java.util.function.Function<String, T> parse) {
        var factory = spinner.getValueFactory();
        factory.setConverter(new javafx.util.StringConverter<T>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : value instanceof Double d ? String.format(Locale.ROOT, "%.6g", d)
                        .replaceAll("\\.?0+$", "") : value.toString();
            }

            @Override
            public T fromString(String text) {
                try {
                    return parse.apply(text.trim());
                } catch (RuntimeException e) {
                    return factory.getValue();
                }
            }
        });
    }

    private static HBox row(String label, Spinner<?> control, String tip) {
        Label l = new Label(label);
        l.setMinWidth(140);
        control.setPrefWidth(130);
        control.setTooltip(new Tooltip(tip));
        HBox h = new HBox(8, l, control);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private void rebuildRecent() {
        recentMenu.getItems().clear();
        for (String f : vm.recentFiles()) {
            MenuItem item = new MenuItem(f);
            item.setOnAction(e -> vm.loadFile(Path.of(f)));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(vm.recentFiles().isEmpty());
    }

    private void openDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open scenario");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Scenarios", "*.yaml", "*.yml", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            vm.loadFile(f.toPath());
        }
    }

    private void exportPng() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export charts as PNG");
        fc.setInitialFileName("tributary-charts.png");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            exportPng(f.toPath());
        }
    }

    /** Writes the chart grid as a PNG image. */
    public void exportPng(Path file) {
        try {
            charts.refresh(Double.MAX_VALUE, true);
            var image = charts.snapshot(null, null);
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException | RuntimeException e) {
            vm.errorProperty().set("Could not write " + file + ": " + e.getMessage());
        }
    }

    private void exportCsv() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export run data as CSV");
        fc.setInitialFileName("tributary-run.csv");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            try {
                Files.writeString(f.toPath(), vm.chartsCsv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                vm.errorProperty().set("Could not write " + f + ": " + e.getMessage());
            }
        }
    }

    private void applyTheme(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getStylesheets().setAll(
                MainView.class.getResource("/dev/tributary/app/tributary.css").toExternalForm(),
                MainView.class.getResource("/dev/tributary/app/" + (dark ? "dark" : "light") + ".css").toExternalForm());
        topology.setTheme(dark ? Theme.DARK : Theme.LIGHT);
        charts.applyTheme(dark);
        charts.refresh(Double.MAX_VALUE, true);
    }

    /** Switches to the dark or light theme. */
    public void setDark(boolean on) {
        dark = on;
        applyTheme(root.getScene());
    }

    /** Whether the dark theme is on. */
    public boolean isDark() {
        return dark;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
