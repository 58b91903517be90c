package io.tollgate.charge;

/** The three mainland China mobile carriers. */
public enum Carrier {
    /** China Mobile (中国移动), complaints to 10086. */
    CMCC,
    /** China Unicom (中国联通), complaints to 10010. */
    CUCC,
    /** China Telecom (中国电信), complaints to 10000. */
    CTCC;

    /**
     * @param englishName a carrier name as libphonenumber's carrier data spells it in English
     * @return the carrier, or {@code null} when the name is not one of the three
     */
    static Carrier fromEnglishName(String englishName) {
        return switch (englishName) {
            case "China Mobile" -> CMCC;
            case "China Unicom" -> CUCC;
            case "China Telecom" -> CTCC;
            default -> null;
        };
    }
}
