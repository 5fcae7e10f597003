package dev.tributary.app.main;

import dev.tributary.app.charts.ChartType;
import dev.tributary.charts.SweepPng;
import dev.tributary.sim.sweep.SweepChart;
import dev.tributary.sim.sweep.SweepReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.jfree.chart.fx.ChartViewer;

/**
 * The sweep window: the form (parameter, values, figure, replications, duration, threads), Run with its
 * progress and Cancel, the chart of the figure against the parameter with its 95% band and the
 * prediction (drawn by {@link SweepPng}, the same chart as the command line's {@code sweep --png}), the
 * table, and CSV / PNG export. All state lives in {@link SweepViewModel}; this class only binds and
 * forwards. Ctrl+Enter runs, Escape cancels, Ctrl+W closes; Ctrl+= / Ctrl+− / Ctrl+0 zoom as in the main window
 * (type, table and chart).
 */
public final class SweepView {

    /** Size of an exported PNG, as the command line's. */
    static final int PNG_WIDTH = 1000;
    static final int PNG_HEIGHT = 640;
    /** Most of the window's width the table may claim for its headers; the chart keeps the rest. */
    static final double TABLE_SHARE = 0.6;

    private final SweepViewModel vm;
    private final DoubleProperty zoom;
    private final BorderPane root = new BorderPane();
    private final ChartViewer viewer = new ChartViewer(null);
    private final TableView<SweepReport.Row> table = new TableView<>();
    private VBox tablePane;
    private final AnimationTimer timer;
    private ComboBox<String> parameter;
    private ComboBox<String> figure;
    private Stage stage;

    /** Builds the view of {@code vm}; {@code zoom} is the presentation zoom it shares with the main window. */
    public SweepView(SweepViewModel vm, DoubleProperty zoom) {
        this.vm = vm;
        this.zoom = zoom;
        root.setTop(buildForm());
        viewer.setId("sweepChart");
        viewer.setMinSize(200, 150);
        Label empty = new Label("The chart appears here after Run: the figure's mean at each value, its 95% band"
                + " (shaded) and theory's prediction (dashed).");
        empty.setWrapText(true);
        empty.getStyleClass().add("hint");
        empty.visibleProperty().bind(vm.chartProperty().isNull());
        empty.managedProperty().bind(empty.visibleProperty());
        VBox chartBox = new VBox(empty, viewer);
        chartBox.setPadding(new Insets(4));
        VBox.setVgrow(viewer, Priority.ALWAYS);
        tablePane = buildTablePane();
        SplitPane split = new SplitPane(chartBox, tablePane);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.68);
        root.setCenter(split);
        Label status = new Label();
        status.setId("sweepStatus");
        status.textProperty().bind(vm.statusProperty());
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        root.setBottom(statusBar);
        root.getStyleClass().add("root-pane");
        root.getProperties().put("vm", vm);
        vm.chartProperty().addListener((o, a, b) -> {
            viewer.setChart(b == null ? null : SweepPng.draw(b));
            scaleChart();
        });
        vm.parameterProperty().addListener((o, a, b) -> fitColumns());
        root.widthProperty().addListener((o, a, b) -> fitColumns());
        zoom.addListener((o, a, b) -> applyZoom());
        applyZoom();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                vm.poll();
            }
        };
    }

    private VBox buildForm() {
        parameter = new ComboBox<>(vm.parameters());
        parameter.setId("sweepParameter");
        parameter.setEditable(true);
        parameter.valueProperty().bindBidirectional(vm.parameterProperty());
        parameter.setTooltip(new Tooltip("ID.KEY: a group's instances or service, a producer's rate, a stream's"
                + " partitions, or any key of an element"));
        TextField values = new TextField();
        values.setId("sweepValues");
        values.setPrefColumnCount(14);
        values.textProperty().bindBidirectional(vm.valuesProperty());
        values.setTooltip(new Tooltip("A range 4..8 or 2..10:2, or a list 2/s,3/s,4/s or 0.8s,1s written as in the file"));
        figure = new ComboBox<>(vm.figures());
        figure.setId("sweepFigure");
        figure.setEditable(true);
        figure.valueProperty().bindBidirectional(vm.figureProperty());
        figure.setTooltip(new Tooltip("The figure to chart against the parameter, ID.FIGURE"));
        Spinner<Integer> reps = new Spinner<>(2, dev.tributary.sim.sweep.SweepPlan.MAX_REPLICATIONS,
                vm.replicationsProperty().get());
        reps.setId("sweepReplications");
        reps.setEditable(true);
        reps.setPrefWidth(80);
        MainView.forgiving(reps, Integer::valueOf);
        reps.valueProperty().addListener((o, a, b) -> vm.replicationsProperty().set(b));
        vm.replicationsProperty().addListener((o, a, b) -> reps.getValueFactory().setValue(b.intValue()));
        reps.setTooltip(new Tooltip("Replications of every point (at least 2, for the 95% band)"));
        TextField duration = new TextField();
        duration.setId("sweepDuration");
        duration.setPrefColumnCount(5);
        duration.textProperty().bindBidirectional(vm.durationProperty());
        duration.setTooltip(new Tooltip("Simulated time of every replication, e.g. 2h or 30m"));
        Spinner<Integer> threads = new Spinner<>(1, 1024, vm.threadsProperty().get());
        threads.setId("sweepThreads");
        threads.setEditable(true);
        threads.setPrefWidth(70);
        MainView.forgiving(threads, Integer::valueOf);
        threads.valueProperty().addListener((o, a, b) -> vm.threadsProperty().set(b));
        vm.threadsProperty().addListener((o, a, b) -> threads.getValueFactory().setValue(b.intValue()));
        threads.setTooltip(new Tooltip("Threads to run on (default: every core); the numbers do not depend on it"));
        Button run = new Button("Run");
        run.setId("sweepRun");
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        run.setTooltip(new Tooltip("Run every value's replications in the background on every core (Ctrl+Enter)"));
        Button cancel = new Button("Cancel");
        cancel.setId("sweepCancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setTooltip(new Tooltip("Stop the sweep (Escape)"));
        ProgressBar progress = new ProgressBar();
        progress.setId("sweepProgress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        FlowPane row = new FlowPane(12, 6, field("Vary", parameter), field("over", values), field("figure", figure));
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(6, 8, 2, 8));
        FlowPane row2 = new FlowPane(12, 6, field("replications", reps), field("duration", duration),
                field("threads", threads), run, cancel, progress);
        row2.setAlignment(Pos.CENTER_LEFT);
        row2.setPadding(new Insets(2, 8, 6, 8));
        Label error = new Label();
        error.setId("sweepError");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        HBox errorBar = new HBox(error);
        errorBar.getStyleClass().add("error-bar");
        errorBar.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorBar.managedProperty().bind(errorBar.visibleProperty());
        Label note = new Label("Sweeps " + vm.scenario().name() + " as its file says (what-if changes are not in it);"
                + " replication r of every value runs on the same seed (common random numbers).");
        note.getStyleClass().add("hint");
        note.setPadding(new Insets(0, 8, 4, 8));
        return new VBox(row, row2, note, errorBar);
    }

    private static HBox field(String label, Region control) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE);
        HBox h = new HBox(4, l, control);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private VBox buildTablePane() {
        table.setId("sweepTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SweepReport.Row, String> value = new TableColumn<>();
        value.textProperty().bind(vm.parameterProperty());
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(String.join(", ", c.getValue().settings())));
        TableColumn<SweepReport.Row, String> mean = new TableColumn<>("mean");
        mean.setCellValueFactory(c -> new ReadOnlyStringWrapper(Numbers.num(c.getValue().mean())));
        TableColumn<SweepReport.Row, String> hw = new TableColumn<>("± 95%");
        hw.setCellValueFactory(c -> new ReadOnlyStringWrapper(Numbers.plusMinus(c.getValue().halfWidth())));
        TableColumn<SweepReport.Row, String> predicted = new TableColumn<>("predicted");
        predicted.setCellValueFactory(c -> new ReadOnlyStringWrapper(Numbers.num(c.getValue().predicted())));
        table.getColumns().add(value);
        table.getColumns().add(mean);
        table.getColumns().add(hw);
        table.getColumns().add(predicted);
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No sweep yet"));
        Label title = new Label();
        title.getStyleClass().add("section");
        title.textProperty().bind(vm.figureProperty().map(f -> f + " at each value"));
        Button csv = new Button("Export CSV…");
        csv.setId("sweepCsv");
        csv.disableProperty().bind(vm.reportProperty().isNull());
        csv.setOnAction(e -> exportCsv());
        csv.setTooltip(new Tooltip("Every figure of every point, as tributary sweep --csv writes"));
        Button png = new Button("Export PNG…");
        png.setId("sweepPng");
        png.disableProperty().bind(vm.chartProperty().isNull());
        png.setOnAction(e -> exportPng());
        png.setTooltip(new Tooltip("The chart as tributary sweep --png draws it (1000×640)"));
        HBox buttons = new HBox(8, csv, png);
        VBox box = new VBox(6, title, table, buttons);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(4, 8, 4, 4));
        return box;
    }

    private void exportCsv() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the sweep as CSV");
        fc.setInitialFileName("tributary-sweep.csv");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            vm.writeCsv(f.toPath());
        }
    }

    private void exportPng() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export the sweep chart as PNG");
        fc.setInitialFileName("tributary-sweep.png");
        File f = fc.showSaveDialog(stage);
        if (f != null) {
            exportPng(f.toPath());
        }
    }

    /** Writes the chart as the command line's PNG; a failure is shown in the error line. */
    public boolean exportPng(Path file) {
        SweepChart.Chart c = vm.chartProperty().get();
        if (c == null) {
            vm.errorProperty().set("Run a sweep first: there is no chart to export yet.");
            return false;
        }
        try {
            SweepPng.write(c, file, PNG_WIDTH, PNG_HEIGHT);
            return true;
        } catch (IOException | RuntimeException e) {
            vm.errorProperty().set("Could not write " + file + ": " + e.getMessage());
            return false;
        }
    }

    private void applyZoom() {
        double z = zoom.get();
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", MainView.BASE_FONT * z));
        parameter.setPrefWidth(200 * z); // wide enough for payments.partitions at any zoom
        figure.setPrefWidth(230 * z);
        fitColumns();
        scaleChart();
    }

    /** The chart's type and lines at the zoom, as the main window's charts (the exported PNG stays as the command line's). */
    private void scaleChart() {
        if (viewer.getChart() != null) {
            ChartType.applyAlone(viewer.getChart(), zoom.get());
            SweepPng.scaleLines(viewer.getChart(), zoom.get());
        }
    }

    /**
     * Makes every column at least as wide as its header at the zoom's type size (the first one's is
     * the parameter, as long as payments.partitions), and the table's pane as wide as its columns, so
     * no header is cut; but never more than {@link #TABLE_SHARE} of the window, so that at a zoom too
     * large for the screen the chart keeps its room.
     */
    private void fitColumns() {
        double font = MainView.BASE_FONT * zoom.get();
        double sum = 0;
        for (TableColumn<SweepReport.Row, ?> c : table.getColumns()) {
            Text t = new Text(c.getText() == null ? "" : c.getText());
            t.setFont(Font.font("DejaVu Sans", FontWeight.BOLD, font));
            // the header's padding either side
            double w = Math.ceil(t.getLayoutBounds().getWidth() + 1.2 * font);
            c.setMinWidth(w);
            c.setPrefWidth(w);
            sum += w;
        }
        // the pane's padding and the table's border and vertical scroll bar
        double needed = sum + 2 * font + 12;
        double window = root.getWidth();
        tablePane.setMinWidth(window > 0 ? Math.min(needed, TABLE_SHARE * window) : needed);
    }

    /** Dark or light theme for the controls (the chart stays as the command line draws it, on white). */
    public void setDark(boolean dark) {
        AppWindow.style(root.getScene(), dark);
    }

    /** Opens the window (sized like the main one) and starts polling the sweep; closing it cancels the sweep. */
    public Stage show(Stage owner, boolean dark) {
        stage = AppWindow.open(owner, root, "Tributary — sweep: " + vm.scenario().name(), 640, 420,
                this::shortcut, this::close);
        setDark(dark);
        timer.start();
        stage.show();
        return stage;
    }

    private void close() {
        timer.stop();
        vm.close();
    }

    private void shortcut(KeyEvent e) {
        if (AppWindow.zoomKey(e, zoom, root)) {
            return;
        }
        if (e.isShortcutDown() && e.getCode() == KeyCode.W) {
            stage.close();
        } else if (e.isShortcutDown() && e.getCode() == KeyCode.ENTER) {
            vm.run();
        } else if (e.getCode() == KeyCode.ESCAPE && vm.runningProperty().get()) {
            vm.cancel();
        } else {
            return;
        }
        e.consume();
    }

    /** The root node (for tests and snapshots). */
    public BorderPane root() {
        return root;
    }

    /** The chart viewer (for tests). */
    public ChartViewer viewer() {
        return viewer;
    }

    /** The window, once shown. */
    public Stage stage() {
        return stage;
    }
}
