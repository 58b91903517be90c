package io.tollgate;

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

    /** @return whether the charge goes to the carrier (everything but {@link #BLOCK}) */
    public boolean passes() {
        return this != BLOCK;
    }
}
