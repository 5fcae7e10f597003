package dev.tributary.app.main;

import dev.tributary.app.charts.ChartsView;
import dev.tributary.app.classroom.ClassroomView;
import dev.tributary.app.classroom.ClassroomViewModel;
import dev.tributary.app.topology.Theme;
import dev.tributary.app.topology.TopologyView;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.Drawing;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.element.stream.StreamSpec;
import dev.tributary.sim.scenario.Examples;
import dev.tributary.sim.scenario.Scenario;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The main window, built in code: menu and tool bar, the topology canvas above the live charts,
 * and a side panel of fixed width with the selected element's what-if controls, the
 * measured-vs-predicted table and Little's Law. All state lives in {@link MainViewModel}; this
 * class only binds and forwards. A presentation zoom (Ctrl+= / Ctrl+−) scales type, nodes and charts.
 */
public final class MainView {

    /** Frame-rate log lines (TRIBUTARY_FPS_LOG=1), for measuring the app under load. */
    private static final System.Logger FPS_LOG = System.getLogger("dev.tributary.app.fps");
    /** Base type size in pixels at zoom 1 (everything else in the style sheet is relative to it). */
    static final double BASE_FONT = 15;
    /** Side panel width in pixels at zoom 1. */
    static final double SIDE_WIDTH = 360;

    private final MainViewModel vm;
    private final BorderPane root = new BorderPane();
    private final TopologyView topology = new TopologyView();
    private final ChartsView charts;
    private final Label errorLabel = new Label();
    private final HBox errorBar;
    private final Label narration = new Label();
    private final HBox narrationBar;
    private final VBox whatIf = new VBox(6);
    private final ComboBox<String> elementBox = new ComboBox<>();
    private final Menu recentMenu = new Menu("Open _Recent");
    private final Button playButton = new Button("Play");
    private final Label fpsLabel = new Label();
    private final GridPane table = new GridPane();
    private final VBox side = new VBox(8);
    private final ClassroomViewModel classroom;
    private final ClassroomView classroomView;
    /** Presentation mode's one chart, one view per kind of chart (made when first shown). */
    private final java.util.Map<ClassroomViewModel.Chart, ChartsView> presentCharts =
            new java.util.EnumMap<>(ClassroomViewModel.Chart.class);
    private final Label presentClock = new Label();
    private VBox top;
    private SplitPane left;
    private Node chartsPane;
    private Node statusBar;
    private double zoomBeforePresenting;
    private Node sidePane;
    private final boolean fpsLog = System.getenv("TRIBUTARY_FPS_LOG") != null;
    private Stage stage;
    private CompareView compareView;
    private SweepView sweepView;
    private boolean dark = true;
    private double fps;
    private long frames;
    private long lastFpsNanos;
    private long vmNanos;
    private long lastCpu;
    private long lastEvents;
    private long lastLogNanos;
    private long topologyNanos;
    private long chartNanos;

    /** Builds the view for {@code vm}. */
    public MainView(MainViewModel vm) {
        this.vm = vm;
        charts = new ChartsView(vm.charts());
        errorBar = buildErrorBar();
        narrationBar = buildNarrationBar();
        classroom = new ClassroomViewModel(vm.run());
        classroomView = new ClassroomView(classroom);
        top = new VBox(buildMenu(), buildToolBar(), errorBar, narrationBar, classroomView);
        root.setTop(top);
        chartsPane = buildChartsPane();
        left = new SplitPane(topology, chartsPane);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.42);
        root.setCenter(left);
        sidePane = buildSidePanel();
        root.setRight(sidePane);
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.statusProperty());
        fpsLabel.setId("fps");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(status, spacer, fpsLabel);
        statusBar.getStyleClass().add("status-bar");
        this.statusBar = statusBar;
        root.setBottom(statusBar);
        classroom.highlightProperty().addListener((o, a, b) -> topology.setHighlighted(b));
        classroom.presentingProperty().addListener((o, a, b) -> present(b));
        classroom.chartProperty().addListener((o, a, b) -> {
            if (classroom.presentingProperty().get()) {
                left.getItems().set(1, presentChart());
            }
        });
        presentClock.setId("presentClock");
        presentClock.getStyleClass().add("presentation-clock");
        presentClock.textProperty().bind(vm.clockProperty());
        topology.setOnSelect(id -> vm.selectedProperty().set(id));
        vm.selectedProperty().addListener((o, a, b) -> {
            topology.setSelected(b);
            if (b != null) {
                elementBox.setValue(b);
            }
            rebuildWhatIf();
        });
        vm.scenarioProperty().addListener((o, a, b) -> {
            topology.setScenario(b, vm.predictionsProperty().get());
            elementBox.getItems().setAll(vm.elementIds());
            elementBox.setValue(vm.selectedProperty().get());
            topology.setSelected(vm.selectedProperty().get());
            rebuildWhatIf();
            if (stage != null && b != null) {
                stage.setTitle("Tributary — " + b.name());
            }
        });
        vm.speedIndexProperty().addListener((o, a, b) -> topology.setSpeed(MainViewModel.SPEEDS[b.intValue()]));
        vm.playingProperty().addListener((o, a, b) -> updatePlayButton());
        vm.finishedProperty().addListener((o, a, b) -> updatePlayButton());
        vm.errorProperty().addListener((o, a, b) -> {
            errorBar.setVisible(!b.isEmpty());
            errorBar.setManaged(!b.isEmpty());
        });
        vm.narrationProperty().addListener((o, a, b) -> {
            narrationBar.setVisible(!b.isEmpty());
            narrationBar.setManaged(!b.isEmpty());
        });
        vm.figures().addListener((ListChangeListener<FigureRow>) c -> rebuildTable());
        vm.zoomProperty().addListener((o, a, b) -> applyZoom());
        vm.recentFiles().addListener((ListChangeListener<String>) c -> rebuildRecent());
        rebuildRecent();
        rebuildTable();
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
        applyZoom();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now);
            }
        }.start();
    }

    private void frame(long nanos) {
        double wall = nanos / 1e9;
        long t0 = System.nanoTime();
        vm.frame();
        long t1 = System.nanoTime();
        topology.render(vm.snapshotProperty().get(), vm.takeMoves(), wall);
        long t2 = System.nanoTime();
        if (classroom.presentingProperty().get()) {
            presentChart().refresh(wall, false);
        } else {
            charts.refresh(wall, false);
        }
        long t3 = System.nanoTime();
        vmNanos += t1 - t0;
        topologyNanos += t2 - t1;
        chartNanos += t3 - t2;
        frames++;
        if (nanos - lastFpsNanos >= 1_000_000_000L) {
            fps = frames * 1e9 / (nanos - lastFpsNanos);
            frames = 0;
            lastFpsNanos = nanos;
            fpsLabel.setText(String.format(Locale.ROOT, "%.0f frames/s", fps));
            if (fpsLog && vm.snapshotProperty().get() != null) {
                long events = vm.snapshotProperty().get().events();
                long cpu = vm.runner().engineCpuNanos();
                double wallSpan = (nanos - lastLogNanos) / 1e9;
                double cpuShare = lastLogNanos == 0 || cpu < 0 ? Double.NaN : (cpu - lastCpu) / 1e9 / wallSpan;
                double perCpu = cpu - lastCpu > 0 ? (events - lastEvents) / ((cpu - lastCpu) / 1e9) : Double.NaN;
                FPS_LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT,
                        "fps %.1f events/s %.0f events %d ms/s: view-model %.0f diagram %.0f charts %.0f;"
                                + " engine thread on CPU %.0f%% of the time, %.0f events per CPU second", fps,
                        vm.snapshotProperty().get().eventsPerSecond(), events, vmNanos / 1e6, topologyNanos / 1e6,
                        chartNanos / 1e6, 100 * cpuShare, perCpu));
                lastCpu = cpu;
                lastEvents = events;
                lastLogNanos = nanos;
            }
            vmNanos = 0;
            topologyNanos = 0;
            chartNanos = 0;
        }
    }

    /** Frames per second drawn over the last second. */
    public double fps() {
        return fps;
    }

    /**
     * Shows the view in {@code s}, sized from the screen: the whole visual area of a small screen (a
     * projector at 1280×720 or 1024×768), nine tenths of a large one, with the zoom that makes the
     * layout designed for 1280×720 fill it.
     */
    public Scene attach(Stage s) {
        this.stage = s;
        javafx.geometry.Dimension2D size = AppWindow.size();
        vm.zoomProperty().set(zoomFor(size.getWidth(), size.getHeight()));
        Scene scene = AppWindow.place(s, root);
        applyTheme(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        s.setTitle("Tributary");
        return scene;
    }

    /** The zoom at which the 1280×720 layout fills a window of this size (0.8 to 1.6). */
    static double zoomFor(double width, double height) {
        return Math.max(0.8, Math.min(1.6, Math.min(width / 1280, height / 720)));
    }

    /**
     * Keyboard shortcuts, whatever has focus: the zoom keys always; the run keys too, except keys a
     * number field needs while one has focus (digits, arrows, +, −, the decimal point); Escape leaves
     * a field.
     */
    private void shortcut(KeyEvent e) {
        if (e.getCode() == KeyCode.F5) {
            classroom.togglePresenting();
            e.consume();
            return;
        }
        if (e.isShortcutDown()) {
            switch (e.getCode()) {
                case EQUALS, PLUS, ADD -> vm.zoomIn();
                case MINUS, SUBTRACT -> vm.zoomOut();
                case DIGIT0, NUMPAD0 -> vm.zoomProperty().set(zoomFor(root.getWidth(), root.getHeight()));
                default -> {
                    return;
                }
            }
            e.consume();
            return;
        }
        if (e.getCode() == KeyCode.ESCAPE && classroom.presentingProperty().get()) {
            classroom.presentingProperty().set(false); // from any field too: one key out, before a class
            e.consume();
            return;
        }
        RunKeys.handle(e, root, vm);
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

    private void applyZoom() {
        double z = vm.zoomProperty().get();
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT * z));
        side.setPrefWidth(SIDE_WIDTH * z);
        side.setMinWidth(SIDE_WIDTH * z);
        side.setMaxWidth(SIDE_WIDTH * z);
        topology.setZoom(z);
        charts.setZoom(z);
        presentCharts.values().forEach(c -> c.setZoom(z));
    }

    /**
     * Presentation mode on or off: full screen and a larger zoom; the menus, tool bar, side panel and
     * status bar hidden; the diagram above one chart (the one the narration's question is about), the
     * caption and the clock at the bottom, and the question card on the right while a question is on.
     */
    private void present(boolean on) {
        root.getStyleClass().remove("presenting");
        if (on) {
            root.getStyleClass().add("presenting");
            zoomBeforePresenting = vm.zoomProperty().get();
            top.getChildren().remove(classroomView);
            // the clock shares the caption's bar: every pixel of height goes to the diagram and the chart
            BorderPane bottom = new BorderPane(classroomView);
            VBox clockBox = new VBox(presentClock);
            clockBox.getStyleClass().add("classroom");
            clockBox.setAlignment(Pos.BOTTOM_RIGHT);
            bottom.setRight(clockBox);
            root.setTop(null);
            // the question card goes beside the diagram and chart, which keep the whole height
            classroomView.setCardInline(false);
            VBox cardColumn = new VBox(classroomView.card());
            cardColumn.setId("cardColumn");
            cardColumn.setPadding(new Insets(10));
            cardColumn.getStyleClass().add("card-column");
            cardColumn.prefWidthProperty().bind(root.widthProperty().multiply(0.36));
            cardColumn.setMinWidth(0);
            cardColumn.visibleProperty().bind(classroom.questionProperty().isNotNull());
            cardColumn.managedProperty().bind(classroom.questionProperty().isNotNull());
            root.setRight(cardColumn);
            root.setBottom(bottom);
            left.getItems().set(1, presentChart());
            left.setDividerPositions(0.62);
            if (stage != null) {
                stage.setFullScreenExitHint("");
                stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH); // Esc is ours: it leaves presenting
                stage.setFullScreen(true);
            }
            vm.zoomProperty().set(Math.min(MainViewModel.MAX_ZOOM, zoomBeforePresenting * 1.3));
            charts.refresh(Double.MAX_VALUE, true);
        } else {
            root.setBottom(statusBar);
            classroomView.setCardInline(true);
            top.getChildren().add(classroomView);
            root.setTop(top);
            root.setRight(sidePane);
            left.getItems().set(1, chartsPane);
            left.setDividerPositions(0.42);
            if (stage != null) {
                stage.setFullScreen(false);
            }
            vm.zoomProperty().set(zoomBeforePresenting);
            charts.refresh(Double.MAX_VALUE, true);
        }
        presentChart().refresh(Double.MAX_VALUE, true);
        root.requestFocus();
    }

    /** Presentation mode's chart: the kind the narration asks about, or the number in the system. */
    private ChartsView presentChart() {
        ClassroomViewModel.Chart kind = classroom.chartProperty().get();
        java.util.List<dev.tributary.app.charts.ChartModel> models = vm.charts();
        if (kind.ordinal() >= models.size() || !models.get(kind.ordinal()).visible()) {
            kind = ClassroomViewModel.Chart.LENGTH;
        }
        final ClassroomViewModel.Chart k = kind;
        return presentCharts.computeIfAbsent(k, x -> {
            ChartsView c = new ChartsView(java.util.List.of(models.get(k.ordinal())));
            c.setId("presentChart");
            c.applyTheme(dark);
            c.setZoom(vm.zoomProperty().get());
            return c;
        });
    }

    /** The classroom mode's view-model (for tests). */
    public ClassroomViewModel classroom() {
        return classroom;
    }

    private HBox buildErrorBar() {
        errorLabel.setId("errorBanner");
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.setWrapText(true);
        Button close = new Button("Dismiss");
        close.setId("dismiss");
        close.getStyleClass().add("dismiss");
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setTooltip(new Tooltip("Hide this message"));
        close.setOnAction(e -> vm.errorProperty().set(""));
        HBox bar = new HBox(10, errorLabel, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(errorLabel, Priority.ALWAYS);
        errorLabel.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add("error-bar");
        bar.setVisible(false);
        bar.setManaged(false);
        return bar;
    }

    private HBox buildNarrationBar() {
        narration.setId("narration");
        narration.textProperty().bind(vm.narrationProperty());
        narration.setWrapText(true);
        narration.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(narration);
        HBox.setHgrow(narration, Priority.ALWAYS);
        bar.getStyleClass().add("narration-bar");
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
        Menu file = new Menu("_File", null, open, recentMenu, examples, new SeparatorMenuItem(), png, csv,
                new SeparatorMenuItem(), quit);
        MenuItem theme = new MenuItem("Toggle _dark / light theme");
        theme.setAccelerator(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN));
        theme.setOnAction(e -> {
            dark = !dark;
            applyTheme(root.getScene());
        });
        // the zoom keys are handled by the scene's key filter (whatever has focus); the items show them
        MenuItem zoomIn = new MenuItem("Zoom _in   (Ctrl+=)");
        zoomIn.setOnAction(e -> vm.zoomIn());
        MenuItem zoomOut = new MenuItem("Zoom _out   (Ctrl+−)");
        zoomOut.setOnAction(e -> vm.zoomOut());
        MenuItem zoomFit = new MenuItem("Zoom to _fit the window   (Ctrl+0)");
        zoomFit.setOnAction(e -> vm.zoomProperty().set(zoomFor(root.getWidth(), root.getHeight())));
        MenuItem revert = new MenuItem("Undo what-if changes");
        revert.setOnAction(e -> vm.revertWhatIf());
        revert.disableProperty().bind(vm.modifiedProperty().not());
        MenuItem present = new MenuItem("_Presentation mode   (F5; Esc leaves)");
        present.setId("presentItem");
        present.setOnAction(e -> classroom.presentingProperty().set(true));
        Menu view = new Menu("_View", null, present, new SeparatorMenuItem(), zoomIn, zoomOut, zoomFit,
                new SeparatorMenuItem(), theme, revert);
        MenuItem pin = new MenuItem("_Pin this run as A, change B…");
        pin.setId("comparePinned");
        pin.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        pin.setOnAction(e -> openCompare(vm.comparePinned()));
        MenuItem whatIfVsFile = new MenuItem("Compare the _what-if with the file as loaded");
        whatIfVsFile.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        whatIfVsFile.setOnAction(e -> openCompare(vm.compareWhatIf()));
        whatIfVsFile.disableProperty().bind(vm.modifiedProperty().not());
        MenuItem files = new MenuItem("Compare with _files (up to three)…");
        files.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        files.setOnAction(e -> compareFilesDialog());
        Menu withExample = new Menu("Compare with an _example");
        try {
            for (Examples.Example ex : Examples.list()) {
                MenuItem item = new MenuItem(ex.title() + "   (" + ex.name() + ")");
                item.setOnAction(e -> openCompare(vm.compareExample(ex.name())));
                withExample.getItems().add(item);
            }
        } catch (Exception e) {
            withExample.setDisable(true);
        }
        Menu compare = new Menu("_Compare", null, pin, whatIfVsFile, files, withExample);
        MenuItem sweepItem = new MenuItem("_Sweep a parameter…");
        sweepItem.setId("sweepMenu");
        sweepItem.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        sweepItem.setOnAction(e -> openSweep());
        Menu sweep = new Menu("S_weep", null, sweepItem);
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setOnAction(e -> showShortcuts());
        Menu help = new Menu("_Help", null, keys);
        return new MenuBar(file, view, compare, sweep, help);
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText("""
                Space        play / pause
                → or .       step one event
                R            reset to t = 0
                + / −        faster / slower
                Ctrl+= / −   zoom in / out (type, diagram, charts)
                Ctrl+0       zoom to fit the window
                Escape       leave presentation mode, or a number field
                F5           presentation mode: full screen, diagram, one chart, narration
                Enter        reveal the answer to a narration question
                Ctrl+O       open a scenario
                Ctrl+E       export charts as PNG
                Ctrl+Shift+E export run data as CSV
                Ctrl+T       dark / light theme
                Ctrl+D       compare: pin this run as A, change B
                Ctrl+Shift+D compare the what-if with the file as loaded
                Ctrl+Shift+O compare with files (B, C, D)
                Ctrl+W       close the compare window
                Ctrl+Shift+S sweep a parameter (a figure against it, 95% band, theory)
                """);
        a.initOwner(stage);
        a.show();
    }

    private void updatePlayButton() {
        playButton.setText(vm.playingProperty().get() ? "Pause" : vm.finishedProperty().get() ? "Replay" : "Play");
    }

    private ToolBar buildToolBar() {
        playButton.setId("play");
        playButton.setMinWidth(Region.USE_PREF_SIZE);
        playButton.setOnAction(e -> vm.togglePlay());
        playButton.setTooltip(new Tooltip("Play / pause (Space)"));
        Button step = new Button("Step");
        step.setId("step");
        step.setOnAction(e -> vm.step());
        step.setTooltip(new Tooltip("Execute one event and say what it was (→)"));
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
        speed.setMinWidth(Region.USE_PREF_SIZE);
        speed.setAlignment(Pos.CENTER);
        speed.textProperty().bind(vm.speedIndexProperty().map(i -> "speed " + MainViewModel.speedLabel(i.intValue())));
        speed.setTooltip(new Tooltip("Simulated seconds per real second"));
        Label modified = new Label("modified");
        modified.setId("modified");
        modified.getStyleClass().add("badge");
        modified.setTooltip(new Tooltip("A what-if change is in effect: the run differs from the file"));
        Button undo = new Button("Undo what-if");
        undo.setId("undoWhatIf");
        undo.setOnAction(e -> vm.revertWhatIf());
        for (Node n : new Node[] {modified, undo}) {
            n.visibleProperty().bind(vm.modifiedProperty());
            n.managedProperty().bind(vm.modifiedProperty());
        }
        Button done = new Button("Finished — reset?");
        done.setId("finished");
        done.getStyleClass().add("finished");
        done.setOnAction(e -> vm.reset());
        done.setTooltip(new Tooltip("The run reached its end: back to t = 0 (R)"));
        done.visibleProperty().bind(vm.finishedProperty());
        done.managedProperty().bind(vm.finishedProperty());
        Label clock = new Label();
        clock.setId("clock");
        clock.getStyleClass().add("clock");
        clock.setMinWidth(Region.USE_PREF_SIZE);
        clock.textProperty().bind(vm.clockProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        for (Button b : new Button[] {playButton, step, reset, slower, faster, undo, done}) {
            b.setFocusTraversable(false);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Button sweep = new Button("Sweep…");
        sweep.setId("sweepButton");
        sweep.setFocusTraversable(false);
        sweep.setMinWidth(Region.USE_PREF_SIZE);
        sweep.setOnAction(e -> openSweep());
        sweep.setTooltip(new Tooltip("Sweep a parameter (instances, partitions, a rate, a service time): a figure"
                + " against it with its 95% band and theory's line, on every core (Ctrl+Shift+S)"));
        updatePlayButton();
        return new ToolBar(playButton, step, reset, new Separator(), slower, speed, faster, new Separator(), modified,
                undo, done, grow, sweep, clock);
    }

    private Node buildChartsPane() {
        CheckBox percentiles = new CheckBox("show percentiles (p50, p95, p99)");
        percentiles.setId("percentiles");
        percentiles.setFocusTraversable(false);
        percentiles.selectedProperty().bindBidirectional(vm.showPercentilesProperty());
        Label of = new Label();
        of.getStyleClass().add("charts-of");
        of.textProperty().bind(vm.selectedProperty().map(id -> "Charts of " + id
                + "   (dashed: theory; shaded: warm-up)"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(12, of, grow, percentiles);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 8, 2, 8));
        VBox box = new VBox(bar, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        box.setMinHeight(120);
        return box;
    }

    private Node buildSidePanel() {
        Label about = new Label();
        about.setId("about");
        about.setWrapText(true);
        about.getStyleClass().add("about");
        about.textProperty().bind(vm.scenarioProperty().map(s -> s.description().isBlank() ? s.name()
                : s.description().strip()).orElse(""));
        about.setMaxHeight(Region.USE_PREF_SIZE);
        Label title = new Label("Element");
        title.getStyleClass().add("section");
        elementBox.setId("elementBox");
        elementBox.setMaxWidth(Double.MAX_VALUE);
        elementBox.setFocusTraversable(false);
        elementBox.setOnAction(e -> {
            if (elementBox.getValue() != null) {
                vm.selectedProperty().set(elementBox.getValue());
            }
        });
        elementBox.setTooltip(new Tooltip("The element the charts and table show (or click it in the diagram)"));
        Label heading = new Label();
        heading.setId("heading");
        heading.setWrapText(true);
        heading.getStyleClass().add("heading");
        heading.textProperty().bind(vm.headingProperty());
        Label whatIfTitle = new Label("What if…");
        whatIfTitle.getStyleClass().add("section");
        Label tableTitle = new Label("Measured vs predicted");
        tableTitle.getStyleClass().add("section");
        table.setId("figures");
        table.getStyleClass().add("figures");
        table.setHgap(5);
        table.setVgap(2);
        Label littleTitle = new Label("Little's Law  L = λ·W");
        littleTitle.getStyleClass().add("section");
        Label little = new Label();
        little.setId("little");
        little.setWrapText(true);
        little.getStyleClass().add("little");
        little.textProperty().bind(vm.littleProperty());
        Label verdict = new Label();
        verdict.setId("littleVerdict");
        verdict.setWrapText(true);
        verdict.getStyleClass().add("verdict");
        verdict.textProperty().bind(vm.littleVerdictProperty());
        vm.littleStateProperty().addListener((o, a, b) -> {
            verdict.getStyleClass().removeAll("ok", "off", "na");
            verdict.getStyleClass().add(b);
        });
        Label model = new Label();
        model.setId("model");
        model.setWrapText(true);
        model.getStyleClass().add("model");
        model.textProperty().bind(vm.modelTextProperty());
        VBox details = new VBox(6, heading, tableTitle, table, littleTitle, little, verdict, model);
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("side-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        side.getChildren().setAll(about, title, elementBox, whatIfTitle, whatIf, scroll);
        side.setPadding(new Insets(8));
        side.getStyleClass().add("side");
        return side;
    }

    /** The table's grid: rebuilt only when its rows change (another element); values are bound in place. */
    private void rebuildTable() {
        table.getChildren().clear();
        table.getColumnConstraints().clear();
        ColumnConstraints name = new ColumnConstraints();
        name.setHgrow(Priority.ALWAYS);
        ColumnConstraints value = new ColumnConstraints();
        value.setHalignment(HPos.RIGHT);
        ColumnConstraints hw = new ColumnConstraints();
        hw.setHalignment(HPos.LEFT);
        ColumnConstraints pred = new ColumnConstraints();
        pred.setHalignment(HPos.RIGHT);
        ColumnConstraints unit = new ColumnConstraints();
        table.getColumnConstraints().addAll(name, value, hw, pred, unit);
        if (vm.figures().isEmpty()) {
            return;
        }
        String[] heads = {"figure", "measured", "±95%", "theory", ""};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("table-head");
            h.setMinWidth(c == 0 ? 0 : Region.USE_PREF_SIZE);
            table.add(h, c, 0);
        }
        int r = 1;
        for (FigureRow row : vm.figures()) {
            Label n = new Label(row.label());
            Label m = new Label();
            m.textProperty().bind(row.measuredProperty());
            m.getStyleClass().add("number");
            m.setId("measured-" + row.key());
            Label i = new Label();
            i.textProperty().bind(row.intervalProperty());
            i.getStyleClass().addAll("number", "interval");
            Label p = new Label();
            p.textProperty().bind(row.predictedProperty());
            p.getStyleClass().add("number");
            p.setId("predicted-" + row.key());
            Label u = new Label(row.unit());
            u.getStyleClass().add("unit");
            for (Label l : new Label[] {n, m, i, p, u}) {
                l.setMinWidth(Region.USE_PREF_SIZE);
            }
            n.setMinWidth(0);
            table.addRow(r++, n, m, i, p, u);
        }
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
            none.getStyleClass().add("hint");
            whatIf.getChildren().add(none);
        }
    }

    /**
     * Typed text that is not a number is ignored (the spinner shows its last value again) instead
     * of throwing on the UI thread.
     */
    static <T> void forgiving(Spinner<T> spinner, java.util.function.Function<String, T> parse) {
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
        l.setMinWidth(Region.USE_PREF_SIZE);
        control.setMaxWidth(Double.MAX_VALUE);
        control.setTooltip(new Tooltip(tip + " (Enter applies, Escape leaves the field)"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox h = new HBox(8, l, grow, control);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    /** Opens a compare window for {@code c} (null: nothing to compare; the error bar says why). */
    private void openCompare(CompareViewModel c) {
        if (c == null) {
            return;
        }
        compareView = new CompareView(c, vm.zoomProperty(), dark);
        compareView.show(stage, dark);
    }

    private void compareFilesDialog() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Compare with scenarios (B, C, D)");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Scenarios", "*.yaml", "*.yml", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        List<File> picked = fc.showOpenMultipleDialog(stage);
        if (picked == null || picked.isEmpty()) {
            return;
        }
        if (picked.size() > CompareViewModel.MAX_RUNS - 1) {
            vm.errorProperty().set("Compare shows at most four runs: the one open (A) and three files; "
                    + picked.size() + " were picked.");
            return;
        }
        openCompare(vm.compareFiles(picked.stream().map(File::toPath).toList()));
    }

    private void openSweep() {
        SweepViewModel s = vm.sweep();
        if (s == null) {
            return;
        }
        sweepView = new SweepView(s, vm.zoomProperty());
        sweepView.show(stage, dark);
    }

    /** The last sweep window opened (for tests), or null. */
    public SweepView sweepView() {
        return sweepView;
    }

    /** The last compare window opened (for tests), or null. */
    public CompareView compareView() {
        return compareView;
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

    /** Writes the chart grid as a PNG image (every chart redrawn first, whatever its refresh interval). */
    public void exportPng(Path file) {
        try {
            vm.frame();
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
        AppWindow.style(scene, dark);
        topology.setTheme(dark ? Theme.DARK : Theme.LIGHT);
        charts.applyTheme(dark);
        charts.refresh(Double.MAX_VALUE, true);
        presentCharts.values().forEach(c -> {
            c.applyTheme(dark);
            c.refresh(Double.MAX_VALUE, true);
        });
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
}
