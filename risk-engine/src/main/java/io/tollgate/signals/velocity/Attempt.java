package io.tollgate.signals.velocity;

import io.tollgate.charge.BillingType;
import io.tollgate.charge.ChargeRequest;
import java.time.Instant;

/**
 * One charge attempt as velocity counts it. Immutable.
 *
 * @param requestId the gateway's request id
 * @param msisdn the 11 digits
 * @param merchantId the merchant
 * @param productId the product
 * @param deviceId device id or {@code null}
 * @param ip IP or {@code null}
 * @param amountFen the price in fen
 * @param billingType per use or a subscription
 * @param at when it was decided
 * @param approved whether it went to the carrier (not blocked) and has not been reported failed
 * @param carrierFailed whether the carrier reported it failed
 */
public record Attempt(
        String requestId, String msisdn, String merchantId, String productId, String deviceId, String ip,
        long amountFen, BillingType billingType, Instant at, boolean approved, boolean carrierFailed) {

    /** @return the attempt of a checked charge */
    public static Attempt of(ChargeRequest charge, Instant at, boolean approved) {
        return new Attempt(charge.requestId(), charge.msisdn().digits(), charge.merchantId(), charge.productId(),
                charge.deviceId(), charge.ip(), charge.amountFen(), charge.billingType(), at, approved, false);
    }
}
