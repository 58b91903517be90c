package io.tollgate.charge;

/** How the user consents to a charge. */
public enum PayMode {
    /** 短代: submitted and charged with no confirmation by the user. */
    SMS_DIRECT,
    /** 短验: the user types a code sent by SMS, then the charge goes through. */
    SMS_OTP,
    /** The user is sent to the carrier's own payment page. */
    WAP
}
