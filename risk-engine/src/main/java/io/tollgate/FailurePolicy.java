package io.tollgate;

/**
 * What {@code check} answers when the rules cannot decide a charge (a rule throws or loops, a
 * signal cannot be read). It never throws into the gateway for that; the verdict carries one hit
 * with code {@code ENGINE-ERROR}.
 */
public enum FailurePolicy {
    /** Let the charge through and open a review case (the default). */
    FLAG,
    /** Stop the charge. */
    BLOCK;

    /** The code of the hit an engine error reports. */
    public static final String ENGINE_ERROR = "ENGINE-ERROR";

    RuleHit hit() {
        Decision action = this == BLOCK ? Decision.BLOCK : Decision.FLAG;
        return new RuleHit(ENGINE_ERROR, 0, action,
                "The rules could not decide this charge; the engine's failure policy decided.", false, true);
    }
}
