package io.tollgate.generate;

import io.tollgate.charge.Carrier;
import io.tollgate.charge.ChargeKind;
import io.tollgate.charge.PayMode;

/**
 * One generated charge request, a row of {@code charges.csv}. Its request id is given when it is
 * written, in time order; a dispute about it reads the id from here. Not thread-safe.
 */
final class Charge {
    /** The columns of {@code charges.csv}, in the order written. */
    static final String HEADER = "request_id,ts,msisdn,carrier,merchant_id,product_id,amount_fen,billing_type,"
            + "charge_kind,pay_mode,device_id,ip,otp_latency_ms,label";
    /** No OTP latency (renewals, SMS_DIRECT). */
    static final int NO_OTP = -1;

    final long ts;
    final long msisdn;
    final Carrier carrier;
    final Product product;
    final ChargeKind kind;
    final PayMode mode;
    final String device;
    final String ip;
    final int otpMs;
    final Label label;
    long sequence;
    private String requestId;

    /**
     * @param ts epoch second the gateway receives it
     * @param msisdn the number charged
     * @param carrier the carrier the gateway names (ported numbers), or {@code null}
     * @param product what is bought; amount and billing type are its own
     * @param kind initial or renewal
     * @param mode how the user consents
     * @param device device id, or {@code null}
     * @param ip IP address, or {@code null}
     * @param otpMs OTP latency in ms, or {@link #NO_OTP}
     * @param label the pattern that generated it
     */
    Charge(long ts, long msisdn, Carrier carrier, Product product, ChargeKind kind, PayMode mode, String device,
            String ip, int otpMs, Label label) {
        if (kind == ChargeKind.RENEWAL && !product.subscription()) {
            throw new IllegalArgumentException("a per-use product cannot renew: " + product.id());
        }
        this.ts = ts;
        this.msisdn = msisdn;
        this.carrier = carrier;
        this.product = product;
        this.kind = kind;
        this.mode = mode;
        this.device = device;
        this.ip = ip;
        this.otpMs = otpMs;
        this.label = label;
    }

    /** @return the request id, or {@code null} before the charge is written */
    String requestId() {
        return requestId;
    }

    void requestId(String id) {
        this.requestId = id;
    }

    long amountFen() {
        return product.amountFen();
    }

    /** @return the row as written, without a line break */
    String csv() {
        StringBuilder row = new StringBuilder(140);
        row.append(requestId).append(',').append(Horizon.format(ts)).append(',').append(msisdn).append(',');
        if (carrier != null) {
            row.append(carrier.name());
        }
        row.append(',').append(product.merchant().id()).append(',').append(product.id()).append(',')
                .append(product.amountFen()).append(',').append(product.billingType().name()).append(',')
                .append(kind.name()).append(',').append(mode.name()).append(',');
        if (device != null) {
            row.append(device);
        }
        row.append(',');
        if (ip != null) {
            row.append(ip);
        }
        row.append(',');
        if (otpMs != NO_OTP) {
            row.append(otpMs);
        }
        return row.append(',').append(label.csv()).toString();
    }
}
