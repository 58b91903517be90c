package io.tollgate.charge;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a number's carrier and home province from its segment (号段) with libphonenumber's
 * carrier and geocoder data. Lookups are remembered per 7-digit segment, which determines both:
 * up to {@value #REMEMBERED} segments, each an int key and a shared {@link Segment}, so a
 * million-charge replay over 134,000 segments looks each up once (a 50,000-entry cache missed so
 * often that lookups took 70 % of the replay's parsing thread). Past that bound a new segment is
 * looked up on every call. Thread-safe.
 */
public final class NumberSegments {
    private static final NumberSegments INSTANCE = new NumberSegments();

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneNumberToCarrierMapper carriers = PhoneNumberToCarrierMapper.getInstance();
    private final PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();
    /** Segments remembered at most: ~60 bytes each, so at most ~30 MB whatever numbers come. */
    static final int REMEMBERED = 500_000;

    private final ConcurrentHashMap<Integer, Segment> bySegment = new ConcurrentHashMap<>();
    /** One instance per distinct carrier and province, shared by the segments that have them. */
    private final ConcurrentHashMap<Segment, Segment> distinct = new ConcurrentHashMap<>();

    /**
     * What a number segment tells.
     *
     * @param carrier the carrier the segment was allocated to, or {@code null} when unknown
     * @param province the home province in English (e.g. {@code Jiangsu}), or {@code null} when unknown
     */
    public record Segment(Carrier carrier, String province) {
    }

    private NumberSegments() {
    }

    /** @return the shared instance */
    public static NumberSegments get() {
        return INSTANCE;
    }

    /**
     * @param msisdn a normalised number
     * @return its segment's carrier and province
     */
    public Segment of(Msisdn msisdn) {
        String digits = msisdn.digits();
        int key = 0;
        for (int i = 0; i < 7; i++) {
            key = key * 10 + (digits.charAt(i) - '0');
        }
        Segment known = bySegment.get(key);
        if (known != null) {
            return known;
        }
        Segment found = lookUp(digits.substring(0, 7));
        found = distinct.computeIfAbsent(found, segment -> segment);
        if (bySegment.size() < REMEMBERED) {
            bySegment.put(key, found);
        }
        return found;
    }

    private Segment lookUp(String segment) {
        PhoneNumber number;
        try {
            // Any number in the segment resolves the same; pad to 11 digits.
            number = util.parse("+86" + segment + "0000", "CN");
        } catch (NumberParseException e) {
            return new Segment(null, null);
        }
        Carrier carrier = Carrier.fromEnglishName(carriers.getNameForNumber(number, Locale.ENGLISH));
        return new Segment(carrier, province(geocoder.getDescriptionForNumber(number, Locale.ENGLISH)));
    }

    /** "Changzhou, Jiangsu" names city then province; "Beijing" is a municipality; "China" says nothing. */
    private static String province(String description) {
        if (description == null || description.isBlank() || description.equals("China")) {
            return null;
        }
        int comma = description.lastIndexOf(',');
        return comma < 0 ? description : description.substring(comma + 1).strip();
    }
}
