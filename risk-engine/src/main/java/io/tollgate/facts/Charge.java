package io.tollgate.facts;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;

/**
 * The charge being checked, normalised.
 *
 * @param requestId the gateway's request id
 * @param msisdn the 11-digit number
 * @param carrier the effective carrier: as declared, else the subscriber profile's, else the segment's; may be null
 * @param province the home province of the number's segment, or null
 * @param merchantId the service provider charging
 * @param productId the product
 * @param amountFen the price in fen
 * @param billingType per use or subscription kind
 * @param chargeKind initial or renewal
 * @param payMode how the user consents
 * @param deviceId device id or null
 * @param ip IP address or null
 * @param otpLatencyMs OTP latency in ms or null
 * @param chinaHour the hour of the day (0-23) in China time when the charge is checked
 */
public record Charge(
        String requestId,
        String msisdn,
        Carrier carrier,
        String province,
        String merchantId,
        String productId,
        long amountFen,
        BillingType billingType,
        ChargeKind chargeKind,
        PayMode payMode,
        String deviceId,
        String ip,
        Long otpLatencyMs,
        int chinaHour) {

    /** @return whether the charge is of a subscription (包月); rules read it as {@code subscription} */
    public boolean subscription() {
        return billingType.isSubscription();
    }
}
