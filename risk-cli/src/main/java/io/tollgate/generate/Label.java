package io.tollgate.generate;

import java.util.Locale;

/**
 * The ground truth of a generated charge: the pattern that generated it, whatever a rule could
 * see at the time. Every charge of a farm is {@link #DEVICE_FARM}, the first subscription malware
 * buys included; a charge of a number whose blacklist entry is added later is still
 * {@link #BLACKLISTED}. Written lower case in the {@code label} column. Immutable.
 */
public enum Label {
    /** Ordinary customers, including their lawful big tickets, new SIMs and late payments. */
    LEGIT,
    /** Numbers, segments, devices and IPs of actors that carriers, the regulator or we list. */
    BLACKLISTED,
    /** Android malware on a victim's phone subscribing it to services and reading the OTP. */
    TOLL_FRAUD,
    /** A handset or a few IPs cycling many fresh SIMs. */
    DEVICE_FARM,
    /** Subscribers who will not pay: leaving, suspended, in arrears, prepaid balance spent. */
    BAD_DEBT,
    /** Professional complainers: buy, complain, get refunded, buy again. */
    COMPLAINER,
    /** A renewal inside the period already paid for (a service provider's billing fault). */
    DUPLICATE_RENEWAL,
    /** Numbers spending past the carriers' 100 CNY a day or 300 CNY a month. */
    OVER_CAP;

    /** @return the label as written in {@code charges.csv}, e.g. {@code toll_fraud} */
    public String csv() {
        return name().toLowerCase(Locale.ROOT);
    }
}
