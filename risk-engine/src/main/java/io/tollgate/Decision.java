package io.tollgate;

import io.tollgate.charge.PayMode;

/** What the gateway does with a charge, from the most permissive to the strictest. */
public enum Decision {
    /** Send the charge to the carrier. */
    ALLOW,
    /** Send it, and open a review case. */
    FLAG,
    /** Send it only after the user confirms by SMS code (二次确认); for {@code SMS_DIRECT} charges. */
    CHALLENGE,
    /** Do not send it to the carrier. */
    BLOCK;

    /** @return whether this is stricter than {@code other} */
    public boolean isStricterThan(Decision other) {
        return compareTo(other) > 0;
    }

    /**
     * A CHALLENGE (confirmation by SMS code) applies to {@code SMS_DIRECT} charges only: an OTP or
     * WAP charge was already confirmed by the user, so it is flagged instead.
     *
     * @param payMode the charge's pay mode
     * @return this decision as it applies to a charge of that pay mode
     */
    public Decision forPayMode(PayMode payMode) {
        return this == CHALLENGE && payMode != PayMode.SMS_DIRECT ? FLAG : this;
    }

    /** @return whether the charge goes to the carrier (everything but {@link #BLOCK}) */
    public boolean passes() {
        return this != BLOCK;
    }
}
