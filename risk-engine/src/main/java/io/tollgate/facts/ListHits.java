package io.tollgate.facts;

import java.util.List;

/**
 * Which lists the charge's number, segment, device and IP are on as of the check.
 *
 * @param msisdn the number is listed
 * @param msisdnPrefix a prefix (segment) of the number is listed
 * @param device the device id is listed
 * @param ip the IP address is listed
 * @param entries the entries that matched, for the reviewer ("MSISDN 138****1234 by CARRIER: reason")
 */
public record ListHits(boolean msisdn, boolean msisdnPrefix, boolean device, boolean ip, List<String> entries) {

    public ListHits {
        entries = List.copyOf(entries);
    }

    /** No list matches. */
    public static final ListHits NONE = new ListHits(false, false, false, false, List.of());
}
