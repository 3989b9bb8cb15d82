package dev.vigil.trainer.training;

/**
 * The history does not hold enough labelled fraud (or any genuine transaction) in the training or
 * the test window to train and measure a model. Expected while a deployment is young, so the
 * command line reports it in one line and a schedule goes on.
 */
public final class NotEnoughLabels extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public NotEnoughLabels(String message) {
        super(message);
    }
}
