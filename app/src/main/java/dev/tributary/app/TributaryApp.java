package dev.tributary.app;

import dev.tributary.app.main.MainView;
import dev.tributary.app.main.MainViewModel;
import dev.tributary.sim.value.Durations;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The Tributary desktop application. Arguments: an optional scenario file, or {@code example:NAME}
 * (without one it opens the M/M/c example); {@code --play} starts running at once,
 * {@code --speed=I} picks speed step I, {@code --select=ID} selects an element, {@code --theme=light},
 * {@code --duration=20000h} runs the scenario for another simulated time, {@code --zoom=1.5} sets the
 * presentation zoom.
 */
public class TributaryApp extends Application {

    private MainViewModel vm;

    @Override
    public void start(Stage stage) {
        vm = new MainViewModel(Preferences.userRoot().node("dev/tributary/app"));
        MainView view = new MainView(vm);
        view.attach(stage);
        List<String> args = getParameters().getRaw().stream().filter(a -> !a.startsWith("--")).toList();
        String first = args.isEmpty() ? "example:basics/mmc-queue" : args.get(0);
        if (first.startsWith("example:")) {
            vm.loadExample(first.substring("example:".length()));
        } else {
            vm.loadFile(Path.of(first));
        }
        for (String a : getParameters().getRaw()) {
            if (a.startsWith("--duration=") && vm.scenarioProperty().get() != null) {
                double d = Durations.parseDuration(a.substring(11));
                if (d > 0 && !Double.isInfinite(d)) {
                    vm.load(vm.scenarioProperty().get().withDuration(d));
                } else {
                    vm.errorProperty().set("--duration: expected a simulated time such as 90s, 2h or 20000h; got '"
                            + a.substring(11) + "'");
                }
            }
            if (a.startsWith("--zoom=")) {
                vm.zoomProperty().set(Double.parseDouble(a.substring(7)));
            }
        }
        stage.setMinWidth(800);
        stage.setMinHeight(560);
        stage.show();
        for (String a : getParameters().getRaw()) {
            if (a.startsWith("--speed=")) {
                vm.speedIndexProperty().set(Integer.parseInt(a.substring(8)));
            }
            if (a.equals("--theme=light")) {
                view.setDark(false);
            }
            if (a.startsWith("--select=")) {
                vm.selectedProperty().set(a.substring(9));
            }
        }
        if (getParameters().getRaw().contains("--play")) {
            vm.play();
        }
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.close();
        }
    }
}
