package io.tollgate.generate;

/**
 * One mechanism that makes traffic — ordinary customers or a kind of abuse. A pattern sets up its
 * actors (and their reference data) when it is built and is then asked for each China day in turn.
 * It may emit charges for a later day (a session running past midnight), never for an earlier one.
 */
interface Pattern {
    /**
     * Emits the charges the pattern's actors make on {@code day}.
     *
     * @param day the day, 0 for the start date
     */
    void day(int day);
}
