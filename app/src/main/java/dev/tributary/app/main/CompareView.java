package dev.tributary.app.main;

import dev.tributary.app.charts.ChartsView;
import dev.tributary.app.topology.Theme;
import dev.tributary.app.topology.TopologyView;
import dev.tributary.sim.element.ConsumerSpec;
import dev.tributary.sim.element.ProducerSpec;
import dev.tributary.sim.metrics.Estimate;
import dev.tributary.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The compare window: each run's diagram side by side (A, B, …), the overlay charts (each run's
 * running means and predictions in its own hue), and the table of X − A with 95% intervals from
 * paired replications. The runs play in lockstep on one seed. All state lives in {@link
 * CompareViewModel}; this class only binds and forwards. Keys as in the main window (Space, →, R,
 * + / −, Ctrl+= / − / 0), Ctrl+W closes.
 */
public final class CompareView {

    /** Width of the table pane at zoom 1. */
    static final double TABLE_WIDTH = 430;
    private static final String[] HUE_CSS = {"run-a", "run-b", "run-c", "run-d"};

    private final CompareViewModel vm;
    private final DoubleProperty zoom;
    private final BorderPane root = new BorderPane();
    private final List<TopologyView> diagrams = new ArrayList<>();
    private final ChartsView charts;
    private final GridPane table = new GridPane();
    private final VBox tablePane = new VBox(6);
    private final VBox whatIf = new VBox(6);
    private final Button playButton = new Button("Play");
    private final AnimationTimer timer;
    private Stage stage;

    /** Builds the view of {@code vm}; {@code zoom} is the presentation zoom it shares with the main window. */
    public CompareView(CompareViewModel vm, DoubleProperty zoom, boolean dark) {
        this.vm = vm;
        this.zoom = zoom;
        charts = new ChartsView(vm.charts());
        root.setTop(buildToolBar());
        HBox runsRow = new HBox(6);
        for (int x = 0; x < vm.runs().size(); x++) {
            runsRow.getChildren().add(buildRun(x));
        }
        Label chartsTitle = new Label("Running means of each run (solid) and theory (dashed); shaded: warm-up");
        chartsTitle.getStyleClass().add("charts-of");
        chartsTitle.setPadding(new Insets(2, 8, 2, 8));
        VBox chartsBox = new VBox(chartsTitle, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        chartsBox.setMinHeight(120);
        HBox.setHgrow(chartsBox, Priority.ALWAYS);
        HBox lower = new HBox(6, chartsBox, buildTablePane());
        SplitPane split = new SplitPane(runsRow, lower);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.36);
        root.setCenter(split);
        Label status = new Label();
        status.setId("compareStatus");
        status.textProperty().bind(vm.errorProperty().map(e -> e.isEmpty()
                ? "Same seed for every run (common random numbers); the runs move in lockstep" : e));
        HBox statusBar = new HBox(status);
        statusBar.getStyleClass().add("status-bar");
        root.setBottom(statusBar);
        root.getStyleClass().add("root-pane");
        root.getProperties().put("vm", vm);
        vm.differences().addListener((ListChangeListener<CompareViewModel.Difference>) c -> rebuildTable());
        vm.selectedProperty().addListener((o, a, b) -> {
            diagrams.forEach(d -> d.setSelected(b));
            rebuildTable();
            rebuildWhatIf();
        });
        vm.playingProperty().addListener((o, a, b) -> playButton.setText(b ? "Pause" : "Play"));
        vm.speedIndexProperty().addListener((o, a, b) -> diagrams.forEach(d -> d.setSpeed(RunViewModel.SPEEDS[b.intValue()])));
        zoom.addListener((o, a, b) -> applyZoom());
        rebuildTable();
        rebuildWhatIf();
        applyZoom();
        setDark(dark);
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame(now / 1e9);
            }
        };
    }

    private void frame(double wall) {
        vm.frame();
        for (int x = 0; x < diagrams.size(); x++) {
            RunViewModel r = vm.runs().get(x);
            diagrams.get(x).render(r.snapshotProperty().get(), r.takeMoves(), wall);
        }
        charts.refresh(wall, false);
    }

    private VBox buildRun(int x) {
        RunViewModel r = vm.runs().get(x);
        TopologyView d = new TopologyView();
        d.setId("compare-diagram-" + x);
        d.setOnSelect(id -> {
            if (vm.commonIds().contains(id)) {
                vm.selectedProperty().set(id);
            }
        });
        diagrams.add(d);
        Label name = new Label();
        name.setId("compare-name-" + x);
        name.getStyleClass().addAll("run-name", HUE_CSS[x]);
        name.setMinHeight(Region.USE_PREF_SIZE);
        name.textProperty().bind(r.scenarioProperty().map(s -> CompareViewModel.LABELS.get(x) + " — " + s.name()
                + (x > 0 && !s.withSeed(0).equals(vm.runs().get(0).scenarioProperty().get().withSeed(0))
                        ? "" : x > 0 ? "   (same as A: change it below)" : "")));
        Label modified = new Label("modified");
        modified.getStyleClass().add("badge");
        modified.visibleProperty().bind(r.modifiedProperty());
        modified.managedProperty().bind(r.modifiedProperty());
        HBox head = new HBox(8, name, modified);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(2, 6, 0, 6));
        r.scenarioProperty().addListener((o, a, b) -> {
            d.setScenario(b, r.predictionsProperty().get());
            d.setSelected(vm.selectedProperty().get());
        });
        d.setScenario(r.scenarioProperty().get(), r.predictionsProperty().get());
        d.setSelected(vm.selectedProperty().get());
        d.setSpeed(RunViewModel.SPEEDS[vm.speedIndexProperty().get()]);
        VBox box = new VBox(head, d);
        VBox.setVgrow(d, Priority.ALWAYS);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMinWidth(0);
        box.setPrefWidth(100); // equal shares of the row, whatever each diagram would like
        box.getStyleClass().add("compare-run");
        return box;
    }

    private ToolBar buildToolBar() {
        playButton.setId("comparePlay");
        playButton.setOnAction(e -> vm.togglePlay());
        playButton.setTooltip(new Tooltip("Play / pause every run (Space)"));
        Button step = new Button("Step");
        step.setOnAction(e -> vm.step());
        step.setTooltip(new Tooltip("One event in each run (→)"));
        Button reset = new Button("Reset");
        reset.setOnAction(e -> vm.reset());
        reset.setTooltip(new Tooltip("Every run back to t = 0 (R)"));
        Button slower = new Button("−");
        slower.setOnAction(e -> vm.slower());
        slower.setTooltip(new Tooltip("Slower (−)"));
        Button faster = new Button("+");
        faster.setOnAction(e -> vm.faster());
        faster.setTooltip(new Tooltip("Faster (+)"));
        Label speed = new Label();
        speed.setMinWidth(Region.USE_PREF_SIZE);
        speed.textProperty().bind(vm.speedIndexProperty().map(i -> "speed " + RunViewModel.speedLabel(i.intValue())));
        ComboBox<String> element = new ComboBox<>();
        element.setId("compareElement");
        element.getItems().setAll(vm.commonIds());
        element.setValue(vm.selectedProperty().get());
        element.setFocusTraversable(false);
        element.setOnAction(e -> {
            if (element.getValue() != null) {
                vm.selectedProperty().set(element.getValue());
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> element.setValue(b));
        element.setTooltip(new Tooltip("The element every run shows (only ids all scenarios share)"));
        Label clock = new Label();
        clock.setId("compareClock");
        clock.getStyleClass().add("clock");
        clock.setMinWidth(Region.USE_PREF_SIZE);
        clock.textProperty().bind(vm.clockProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        for (Button b : new Button[] {playButton, step, reset, slower, faster}) {
            b.setFocusTraversable(false);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label of = new Label("element");
        of.setMinWidth(Region.USE_PREF_SIZE);
        return new ToolBar(playButton, step, reset, new Separator(), slower, speed, faster, new Separator(), of,
                element, grow, clock);
    }

    private VBox buildTablePane() {
        Label title = new Label();
        title.getStyleClass().add("section");
        title.setWrapText(true);
        int n = vm.runs().size();
        title.setText(n == 2 ? "B − A, 95% interval" : "Each run − A, 95% interval");
        table.setId("differences");
        table.getStyleClass().add("figures");
        table.setHgap(6);
        table.setVgap(2);
        Label status = new Label();
        status.setId("tableStatus");
        status.setWrapText(true);
        status.getStyleClass().add("hint");
        status.textProperty().bind(vm.tableStatusProperty());
        status.setMinHeight(Region.USE_PREF_SIZE);
        ScrollPane scroll = new ScrollPane(table);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        scroll.getStyleClass().add("side-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Label whatIfTitle = new Label("What if, in " + CompareViewModel.LABELS.get(n - 1) + "…");
        whatIfTitle.getStyleClass().add("section");
        tablePane.getChildren().setAll(title, status, scroll, whatIfTitle, whatIf);
        tablePane.setPadding(new Insets(4, 8, 4, 4));
        tablePane.getStyleClass().add("side");
        return tablePane;
    }

    /** The table: the selected element's figures first, then every other shared element's. */
    private void rebuildTable() {
        table.getChildren().clear();
        table.getColumnConstraints().clear();
        int n = vm.runs().size();
        List<String> heads = new ArrayList<>(List.of("element", "figure", "A"));
        for (int x = 1; x < n; x++) {
            String l = CompareViewModel.LABELS.get(x);
            heads.add(l);
            heads.add(l + " − A");
            heads.add("±95%");
        }
        for (int c = 0; c < heads.size(); c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c < 2 ? HPos.LEFT : HPos.RIGHT);
            table.getColumnConstraints().add(cc);
            Label h = new Label(heads.get(c));
            h.getStyleClass().add("table-head");
            table.add(h, c, 0);
        }
        List<CompareViewModel.Difference> rows = new ArrayList<>(vm.differences());
        String sel = vm.selectedProperty().get();
        rows.sort((a, b) -> Boolean.compare(!a.element().equals(sel), !b.element().equals(sel)));
        int r = 1;
        for (CompareViewModel.Difference d : rows) {
            boolean share = d.figure().equals("utilization");
            List<Label> cells = new ArrayList<>();
            cells.add(new Label(d.element()));
            cells.add(new Label(figureName(d.figure())));
            cells.add(number(d.means().get(0), share));
            for (int x = 1; x < n; x++) {
                Estimate e = d.differences().get(x - 1);
                cells.add(number(d.means().get(x), share));
                Label diff = number(e.mean(), share);
                diff.setText((e.mean() > 0 ? "+" : "") + diff.getText().replace('-', '−') + (d.significant(x) ? " *" : ""));
                diff.getStyleClass().add(d.significant(x) ? "significant" : "not-significant");
                diff.setId("diff-" + d.element() + "-" + d.figure() + "-" + x);
                cells.add(diff);
                Label hw = new Label(Numbers.plusMinus(share ? 100 * e.halfWidth() : e.halfWidth()));
                hw.getStyleClass().addAll("number", "interval");
                cells.add(hw);
            }
            for (Label l : cells) {
                l.setMinWidth(Region.USE_PREF_SIZE);
                if (d.element().equals(sel)) {
                    l.getStyleClass().add("selected-row");
                }
            }
            table.addRow(r++, cells.toArray(new Label[0]));
        }
    }

    private static String figureName(String f) {
        return switch (f) {
            case "throughput" -> "throughput /s";
            case "utilization" -> "utilization %";
            case "L" -> "L events";
            case "Lq" -> "Lq events";
            case "W" -> "W s";
            case "Wq" -> "Wq s";
            case "latency.p99" -> "p99 s";
            case "lag" -> "lag events";
            case "lag.seconds" -> "lag s";
            case "outOfOrder" -> "out of order";
            default -> f;
        };
    }

    private static Label number(double v, boolean share) {
        Label l = new Label(share ? Numbers.percent(v) : Numbers.num(v));
        l.getStyleClass().add("number");
        return l;
    }

    /** What-if controls for the last run (B when two): the selected element's instances, service time or rate. */
    private void rebuildWhatIf() {
        whatIf.getChildren().clear();
        int x = vm.runs().size() - 1;
        Scenario s = vm.runs().get(x).scenarioProperty().get();
        String id = vm.selectedProperty().get();
        for (ConsumerSpec c : s.consumers()) {
            if (c.id().equals(id)) {
                Spinner<Integer> inst = new Spinner<>(1, ConsumerSpec.MAX_INSTANCES, c.instances());
                inst.setId("compare-whatif-instances");
                inst.setEditable(true);
                MainView.forgiving(inst, Integer::valueOf);
                inst.valueProperty().addListener((o, a, b) -> vm.whatIf(x, sc -> sc.withConsumer(id,
                        cc -> cc.withInstances(Math.max(1, b)))));
                double ms = c.service().mean() * 1000;
                Spinner<Double> svc = new Spinner<>(0.001, 1e7, ms, Math.max(0.001, ms / 10));
                svc.setId("compare-whatif-service");
                svc.setEditable(true);
                MainView.forgiving(svc, Double::valueOf);
                svc.valueProperty().addListener((o, a, b) -> vm.whatIf(x, sc -> sc.withConsumer(id,
                        cc -> cc.withService(cc.service().scaled(b / 1000 / cc.service().mean())))));
                whatIf.getChildren().addAll(row("instances", inst), row("mean service (ms)", svc));
            }
        }
        for (ProducerSpec p : s.producers()) {
            if (p.id().equals(id)) {
                double rate = p.arrivals().meanRate(s.duration());
                Spinner<Double> sp = new Spinner<>(0.001, 1e6, rate, Math.max(0.01, rate / 10));
                sp.setId("compare-whatif-rate");
                sp.setEditable(true);
                MainView.forgiving(sp, Double::valueOf);
                sp.valueProperty().addListener((o, a, b) -> vm.whatIf(x, sc -> sc.withProducer(id, pp -> pp.withArrivals(
                        pp.arrivals().scaled(b / pp.arrivals().meanRate(sc.duration()))))));
                whatIf.getChildren().add(row("rate (events/s)", sp));
            }
        }
        if (whatIf.getChildren().isEmpty()) {
            Label none = new Label("Select a consumer group or producer to change it in "
                    + CompareViewModel.LABELS.get(x) + " (every run then restarts at t = 0).");
            none.setWrapText(true);
            none.getStyleClass().add("hint");
            whatIf.getChildren().add(none);
        }
    }

    private static HBox row(String label, Spinner<?> control) {
        Label l = new Label(label);
        l.setMinWidth(Region.USE_PREF_SIZE);
        control.setTooltip(new Tooltip("Every run restarts at t = 0 with the change (Enter applies)"));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox h = new HBox(8, l, grow, control);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private void applyZoom() {
        double z = zoom.get();
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", MainView.BASE_FONT * z));
        tablePane.setPrefWidth(TABLE_WIDTH * z);
        tablePane.setMinWidth(TABLE_WIDTH * z);
        tablePane.setMaxWidth(TABLE_WIDTH * z);
        diagrams.forEach(d -> d.setZoom(z));
        charts.setZoom(z);
    }

    /** Dark or light theme. */
    public void setDark(boolean dark) {
        diagrams.forEach(d -> d.setTheme(dark ? Theme.DARK : Theme.LIGHT));
        charts.applyTheme(dark);
        charts.refresh(Double.MAX_VALUE, true);
        AppWindow.style(root.getScene(), dark);
    }

    /** Opens the window (sized like the main one) and starts the runs' frames; closing it ends the runs. */
    public Stage show(Stage owner, boolean dark) {
        stage = AppWindow.open(owner, root, "Tributary — compare: " + String.join("  vs  ",
                vm.runs().stream().map(r -> r.scenarioProperty().get().name()).toList()), 800, 560,
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
        if (e.isShortcutDown()) {
            if (e.getCode() == KeyCode.W) {
                stage.close();
                e.consume();
            }
            return;
        }
        RunKeys.handle(e, root, vm);
    }

    /** The root node (for tests and snapshots). */
    public BorderPane root() {
        return root;
    }

    /** The overlay charts (for tests). */
    public ChartsView chartsView() {
        return charts;
    }

    /** The window, once shown. */
    public Stage stage() {
        return stage;
    }
}
