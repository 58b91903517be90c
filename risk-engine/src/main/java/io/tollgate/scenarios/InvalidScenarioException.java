package io.tollgate.scenarios;

import io.tollgate.TollgateException;

/** A scenario file cannot be read; the message names the file, the scenario and the field. */
public final class InvalidScenarioException extends TollgateException {
    InvalidScenarioException(String message) {
        super(message);
    }
}
