package io.tollgate.charge;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.geocoding.PhoneNumberOfflineGeocoder;
import java.util.Locale;

/**
 * Finds a number's carrier and home province from its segment (号段) with libphonenumber's
 * carrier and geocoder data. Lookups are cached per 7-digit segment, which determines both.
 * Thread-safe.
 */
public final class NumberSegments {
    private static final NumberSegments INSTANCE = new NumberSegments();

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneNumberToCarrierMapper carriers = PhoneNumberToCarrierMapper.getInstance();
    private final PhoneNumberOfflineGeocoder geocoder = PhoneNumberOfflineGeocoder.getInstance();
    private final LoadingCache<String, Segment> bySegment =
            Caffeine.newBuilder().maximumSize(50_000).build(this::lookUp);

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
        return bySegment.get(msisdn.digits().substring(0, 7));
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
