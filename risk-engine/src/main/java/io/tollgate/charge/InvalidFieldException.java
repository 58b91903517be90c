package io.tollgate.charge;

import io.tollgate.TollgateException;

/**
 * A field of a charge, a subscriber profile or a list entry has a value Tollgate cannot accept.
 * The message names the field and the value; phone numbers in it are masked, even one inside a
 * longer run of digits ({@link Msisdn#maskEchoed}), and control characters are written as
 * {@code \\uXXXX}, whoever built the message.
 */
public final class InvalidFieldException extends TollgateException {
    private final String field;

    /**
     * @param field the field's name as in the CSV contract, e.g. {@code amount_fen}
     * @param problem what is wrong, including the (masked) value
     */
    public InvalidFieldException(String field, String problem) {
        super(field + ": " + Msisdn.maskEchoed(FreeText.escaped(problem)));
        this.field = field;
    }

    /** @return the name of the offending field, as in the CSV contract */
    public String field() {
        return field;
    }
}
