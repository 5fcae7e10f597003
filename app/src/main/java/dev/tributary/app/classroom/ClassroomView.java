package dev.tributary.app.classroom;

import dev.tributary.sim.scenario.NarrationStep;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The narration's bar: the caption in force and, at a question, a card where the class's guess is
 * typed (Enter or Reveal) and the answer appears beside it — simulated so far, with its interval,
 * and theory's prediction. Built in code; all state lives in {@link ClassroomViewModel}. Hidden
 * while the scenario has nothing to say.
 */
public final class ClassroomView extends VBox {

    private final ClassroomViewModel vm;
    private final Label caption = new Label();
    private final Label hint = new Label();
    private final VBox card = new VBox(6);
    private final Label ask = new Label();
    private final TextField guess = new TextField();
    private final Button reveal = new Button("Reveal");
    private final GridPane answer = new GridPane();
    private final HBox top;
    private final Label guessHeader = header("Your guess");
    private final Label simulatedHeader = header("Simulated so far");
    private final Label predictedHeader = header("Theory predicts");
    private final Label predictedModel = new Label();
    private Label guessValue;
    private Label simulatedValue;
    private Label predictedValue;

    /** The bar for {@code vm}. */
    public ClassroomView(ClassroomViewModel vm) {
        this.vm = vm;
        setId("classroom");
        getStyleClass().add("classroom");
        caption.setId("caption");
        caption.getStyleClass().add("caption");
        caption.setWrapText(true);
        caption.setMaxWidth(Double.MAX_VALUE);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        caption.textProperty().bind(vm.captionProperty());
        hint.setId("classroomHint");
        hint.getStyleClass().add("classroom-hint");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        top = new HBox(16, caption, hint);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(caption, Priority.ALWAYS);

        ask.setId("ask");
        ask.getStyleClass().add("ask");
        ask.setWrapText(true);
        ask.setMinHeight(Region.USE_PREF_SIZE);
        Label yours = new Label("Your guess:");
        yours.getStyleClass().add("answer-label");
        yours.setMinWidth(Region.USE_PREF_SIZE);
        guess.setId("guess");
        guess.getStyleClass().add("guess");
        guess.setPromptText("type the class's guess, then Enter");
        guess.textProperty().bindBidirectional(vm.guessProperty());
        guess.setOnAction(e -> vm.reveal());
        HBox.setHgrow(guess, Priority.ALWAYS);
        guess.setMaxWidth(Double.MAX_VALUE);
        reveal.setId("reveal");
        reveal.setMinWidth(Region.USE_PREF_SIZE);
        reveal.setOnAction(e -> vm.reveal());
        reveal.disableProperty().bind(vm.revealedProperty());
        guess.editableProperty().bind(vm.revealedProperty().not());
        HBox input = new HBox(10, yours, guess, reveal);
        input.setAlignment(Pos.CENTER_LEFT);

        answer.setId("answer");
        answer.getStyleClass().add("answer");
        answer.setHgap(28);
        answer.setVgap(0);
        guessValue = value("guessValue", vm.guessTextProperty());
        simulatedValue = value("simulatedValue", vm.simulatedTextProperty());
        predictedValue = value("predictedValue", vm.predictedTextProperty());
        predictedModel.setId("predictedModel");
        predictedModel.getStyleClass().add("answer-label");
        predictedModel.setWrapText(true);
        predictedModel.textProperty().bind(vm.modelTextProperty());
        layoutAnswer(false);
        answer.visibleProperty().bind(vm.revealedProperty());
        answer.managedProperty().bind(vm.revealedProperty());

        card.setId("questionCard");
        card.getStyleClass().add("question-card");
        card.getChildren().addAll(ask, input, answer);
        card.visibleProperty().bind(vm.questionProperty().isNotNull());
        card.managedProperty().bind(vm.questionProperty().isNotNull());
        getChildren().addAll(card, top);
        setSpacing(8);

        vm.questionProperty().addListener((o, a, b) -> onQuestion(b));
        vm.presentingProperty().addListener((o, a, b) -> updateHint());
        vm.revealedProperty().addListener((o, a, b) -> updateHint());
        vm.captionProperty().addListener((o, a, b) -> updateVisible());
        vm.questionProperty().addListener((o, a, b) -> updateVisible());
        vm.revealedProperty().addListener((o, a, b) -> updateVisible());
        updateHint();
        updateVisible();
    }

    private void onQuestion(NarrationStep q) {
        ask.setText(q == null ? "" : "Question — " + q.text());
        if (q != null) {
            guess.requestFocus();
        }
        updateHint();
    }

    private void updateHint() {
        hint.setText(vm.questionProperty().get() != null && !vm.revealedProperty().get() ? "Enter: reveal"
                : vm.presentingProperty().get() ? "" : "F5: present");
        hint.setVisible(!hint.getText().isEmpty());
        hint.setManaged(!hint.getText().isEmpty());
    }

    private void updateVisible() {
        NarrationStep q = vm.questionProperty().get();
        // the card already says the question: the caption line shows what follows it (the explanation)
        boolean captionShown = !vm.captionProperty().get().isEmpty()
                && (q == null || vm.revealedProperty().get() && !vm.captionProperty().get().equals(q.text()));
        caption.setVisible(captionShown);
        caption.setManaged(captionShown);
        boolean any = captionShown || q != null;
        setVisible(any || !cardInline);
        setManaged(any || !cardInline);
    }

    private boolean cardInline = true;

    /**
     * Whether the question card sits above the caption (the normal window) or is placed elsewhere by
     * the caller (presentation puts it beside the diagram and chart, so they keep their height).
     */
    public void setCardInline(boolean inline) {
        if (inline == cardInline) {
            return;
        }
        cardInline = inline;
        if (inline) {
            getChildren().add(0, card);
        } else {
            getChildren().remove(card);
        }
        layoutAnswer(!inline);
        updateVisible();
    }

    /**
     * The answer's figures side by side under the question (the window: the card stays short and the
     * diagram keeps its room), or each name above its value (presentation's narrow column).
     */
    private void layoutAnswer(boolean stacked) {
        answer.getChildren().clear();
        if (stacked) {
            answer.add(guessHeader, 0, 0);
            answer.add(guessValue, 0, 1);
            answer.add(simulatedHeader, 0, 2);
            answer.add(simulatedValue, 0, 3);
            answer.add(predictedHeader, 0, 4);
            answer.add(predictedValue, 0, 5);
            answer.add(predictedModel, 0, 6);
        } else {
            answer.addRow(0, guessHeader, simulatedHeader, predictedHeader);
            answer.addRow(1, guessValue, simulatedValue, predictedValue);
            answer.add(predictedModel, 2, 2);
        }
    }

    /** The question card (visible while a question is on). */
    public VBox card() {
        return card;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("answer-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label value(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.setId(id);
        l.getStyleClass().add("answer-value");
        l.textProperty().bind(text);
        return l;
    }

    /** The guess field (for focus and tests). */
    public TextField guessField() {
        return guess;
    }
}
