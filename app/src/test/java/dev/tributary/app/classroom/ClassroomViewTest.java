package dev.tributary.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.app.main.MainView;
import dev.tributary.app.main.MainViewModel;
import dev.tributary.app.main.Numbers;
import dev.tributary.sim.model.Model;
import dev.tributary.sim.scenario.Examples;
import java.util.concurrent.Callable;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Classroom mode in the real window, headless (Monocle): presentation on and off by keyboard, and a
 * narration question answered. The runner stops at the narration's pauses, so every wait here ends by
 * the model's own progress at any machine speed; the JUnit timeout only turns a hang into a failure.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class ClassroomViewTest {

    private MainViewModel vm;
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = new MainViewModel(null);
        view = new MainView(vm);
        view.attach(stage);
        vm.loadExample("lessons/littles-law");
        stage.show();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        while (!condition.call()) {
            Thread.sleep(5); // a poll interval, not a deadline
        }
    }

    @Test
    void f5PresentsAndEscapeLeaves(FxRobot robot) throws Exception {
        double zoom = vm.zoomProperty().get();
        assertThat(robot.lookup("#elementBox").tryQuery()).isPresent();
        assertThat(robot.lookup("#caption").queryAs(Label.class).getText()).startsWith("Requests arrive at random");
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.classroom().presentingProperty().get()).isTrue();
        assertThat(view.root().getStyleClass()).contains("presenting");
        assertThat(stage.isFullScreen()).isTrue();
        // menus, tool bar and side panel gone; the diagram, one chart, the clock and the caption stay
        assertThat(robot.lookup(".menu-bar").tryQuery()).isEmpty();
        assertThat(robot.lookup("#play").tryQuery()).isEmpty();
        assertThat(robot.lookup("#elementBox").tryQuery()).isEmpty();
        assertThat(robot.lookup("#presentChart").tryQuery()).isPresent();
        assertThat(robot.lookup("#presentClock").queryAs(Label.class).getText()).startsWith("t = ");
        assertThat(robot.lookup("#caption").queryAs(Label.class).isVisible()).isTrue();
        assertThat(view.topologyView().isVisible()).isTrue();
        assertThat(vm.zoomProperty().get()).isGreaterThan(zoom);
        // Space still plays and pauses in presentation (the first narration pause stops it at 5m anyway)
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.playingProperty().get()).isTrue();
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.playingProperty().get()).isFalse();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.classroom().presentingProperty().get()).isFalse();
        assertThat(stage.isFullScreen()).isFalse();
        assertThat(robot.lookup(".menu-bar").queryAs(MenuBar.class).isVisible()).isTrue();
        assertThat(robot.lookup("#elementBox").tryQuery()).isPresent();
        assertThat(robot.lookup("#presentChart").tryQuery()).isEmpty();
        assertThat(vm.zoomProperty().get()).isEqualTo(zoom);
    }

    @Test
    void f5WorksWhateverHasFocus(FxRobot robot) throws Exception {
        robot.clickOn("#elementBox");
        robot.type(KeyCode.ESCAPE);
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.classroom().presentingProperty().get()).isTrue();
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.classroom().presentingProperty().get()).isFalse();
    }

    @Test
    void aNarrationQuestionIsAnswered(FxRobot robot) throws Exception {
        robot.type(KeyCode.F5);
        vm.speedIndexProperty().set(MainViewModel.SPEEDS.length - 1);
        robot.type(KeyCode.SPACE);
        // the caption at 5m pauses the run; Space goes on to the question at 1h
        waitFor(() -> vm.snapshotProperty().get() != null && vm.snapshotProperty().get().now() == 300.0
                && !vm.playingProperty().get());
        robot.type(KeyCode.SPACE);
        waitFor(() -> view.classroom().questionProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.playingProperty().get()).isFalse();
        assertThat(vm.snapshotProperty().get().now()).isEqualTo(3600.0);
        assertThat(robot.lookup("#questionCard").queryAs(javafx.scene.layout.VBox.class).isVisible()).isTrue();
        assertThat(robot.lookup("#ask").queryAs(Label.class).getText()).contains("how many requests are in the system");
        assertThat(robot.lookup("#answer").queryAs(javafx.scene.layout.GridPane.class).isVisible()).isFalse();
        assertThat(view.topologyView().highlighted()).isEqualTo("worker");
        // the class's guess is typed and Enter reveals
        robot.clickOn("#guess").write("1.5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#answer").queryAs(javafx.scene.layout.GridPane.class).isVisible()).isTrue();
        assertThat(robot.lookup("#guessValue").queryAs(Label.class).getText()).isEqualTo("1.5 events");
        Model headless = new Model(Examples.load("lessons/littles-law"));
        headless.runUntil(3600);
        double l = headless.results().stream().filter(r -> r.id().equals("worker")).findFirst().orElseThrow().get("L");
        assertThat(robot.lookup("#simulatedValue").queryAs(Label.class).getText())
                .startsWith(Numbers.num(l) + " ± ").endsWith(" events");
        assertThat(robot.lookup("#predictedValue").queryAs(Label.class).getText()).isEqualTo("1 event");
        assertThat(robot.lookup("#predictedModel").queryAs(Label.class).getText()).isEqualTo("M/M/1, exact");
        assertThat(robot.lookup("#guess").queryAs(TextField.class).isEditable()).isFalse();
        // the explanation follows; Space (even with the guess field focused) goes on to the next question
        assertThat(robot.lookup("#caption").queryAs(Label.class).getText()).startsWith("Little's Law");
        robot.type(KeyCode.SPACE);
        waitFor(() -> view.classroom().questionProperty().get() != null
                && view.classroom().questionProperty().get().figureName().equals("worker.W"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.snapshotProperty().get().now()).isEqualTo(7200.0);
        assertThat(robot.lookup("#ask").queryAs(Label.class).getText()).contains("how long does a request spend");
        assertThat(robot.lookup("#answer").queryAs(javafx.scene.layout.GridPane.class).isVisible()).isFalse();
        assertThat(robot.lookup("#guess").queryAs(TextField.class).getText()).isEmpty();
        // Escape leaves presentation even with the guess field focused; the card stays in the window
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#guess").query());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.classroom().presentingProperty().get()).isFalse();
        assertThat(robot.lookup("#questionCard").queryAs(javafx.scene.layout.VBox.class).isVisible()).isTrue();
    }
}
