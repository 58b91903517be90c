package io.tollgate.generate;

import io.tollgate.charge.Carrier;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out phone numbers, device ids and IP addresses, each unique where it must be. Ordinary
 * numbers come from a keyed bijection of a counter (so nothing needs remembering); the numbers of
 * a SIM farm's bulk purchase are near-consecutive in one 7-digit block (号段), and those are
 * remembered so the counter never hands them out again. Every number is a valid mainland mobile
 * number of its segment's carrier (1349, satellite, is never used). Not thread-safe.
 */
final class Identities {
    /** Segments (号段) as allocated to the three carriers. */
    static final String[][] SEGMENTS = {
        {"134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "182", "183", "184",
            "187", "188"},
        {"130", "131", "132", "155", "156", "185", "186"},
        {"133", "153", "180", "181", "189"},
    };
    static final Carrier[] CARRIERS = {Carrier.CMCC, Carrier.CUCC, Carrier.CTCC};
    private static final double[] CARRIER_SHARE = {60, 22, 18};
    private static final long SUFFIXES = 100_000_000L;
    private static final int[] HOME = {114, 115, 116, 119, 124, 180, 218, 222, 60, 58};
    private static final int[] MOBILE = {111, 112, 117, 120, 183, 223, 39};
    private static final int[] CLOUD = {47, 101, 106, 121, 139, 8};
    private static final int[] CAMPUS = {202, 210, 211};

    private final long seed;
    private final Feistel suffixes;
    private final Feistel devices;
    private final Feistel homes;
    private final Feistel mobiles;
    private final Feistel clouds;
    private final int mobilePool;
    private final Set<Long> blockTaken = new HashSet<>();
    private long numbers;
    private long deviceCount;
    private long cloudCount;
    private int campusCount;
    private int actorHomes;

    /**
     * @param seed the run's seed
     * @param mobilePool how many carrier (CGNAT) addresses ordinary mobile traffic shares
     */
    Identities(long seed, int mobilePool) {
        this.seed = seed;
        this.suffixes = new Feistel(Feistel.mix(seed ^ 0x51L), 10_000);
        this.devices = new Feistel(Feistel.mix(seed ^ 0xDEL), 1L << 24);
        this.homes = new Feistel(Feistel.mix(seed ^ 0x40L), 1L << 12);
        this.mobiles = new Feistel(Feistel.mix(seed ^ 0x30L), 1L << 12);
        this.clouds = new Feistel(Feistel.mix(seed ^ 0xC1L), 1L << 12);
        this.mobilePool = mobilePool;
    }

    /** @return a fresh number in a segment of a carrier drawn by market share (CMCC 60%, CUCC 22%, CTCC 18%) */
    long number() {
        while (true) {
            long counter = numbers++;
            long number = counterNumber(counter);
            if (number > 0 && !blockTaken.contains(number)) {
                return number;
            }
        }
    }

    /**
     * A SIM farm's bulk purchase: near-consecutive numbers of one 7-digit block.
     *
     * @param random the caller's stream
     * @param count how many numbers
     * @return the numbers, ascending
     */
    long[] block(RandomSource random, int count) {
        while (true) {
            String segment = segment(random.nextDouble(), random.nextDouble());
            int block = random.nextInt(10_000);
            if (segment.equals("134") && block >= 9_000) {
                continue;
            }
            long base = (Long.parseLong(segment) * 10_000 + block) * 10_000;
            long next = random.nextInt(Math.max(1, 10_000 - count * 3));
            long[] numbers = new long[count];
            int filled = 0;
            while (filled < count && next < 10_000) {
                long number = base + next;
                if (!taken(number)) {
                    blockTaken.add(number);
                    numbers[filled++] = number;
                }
                next += random.chance(0.7) ? 1 : random.between(2, 3);
            }
            if (filled == count) {
                return numbers;
            }
        }
    }

    /**
     * @param random the caller's stream
     * @param prefix a number prefix of 3 to 10 digits, e.g. a virtual operator's {@code 1700123}
     * @return a fresh number starting with it
     */
    long numberWithPrefix(RandomSource random, String prefix) {
        long scale = 1;
        for (int i = prefix.length(); i < 11; i++) {
            scale *= 10;
        }
        while (true) {
            long number = Long.parseLong(prefix) * scale + random.between(0L, scale - 1);
            if (!taken(number)) {
                blockTaken.add(number);
                return number;
            }
        }
    }

    /** @return whether a number was handed out already */
    private boolean taken(long number) {
        if (blockTaken.contains(number)) {
            return true;
        }
        long counter = suffixes.invert(number % SUFFIXES);
        return counter < numbers && counterNumber(counter) == number;
    }

    /** @return the number counter {@code counter} stands for, or -1 when it falls in 1349 */
    private long counterNumber(long counter) {
        long hash = Feistel.mix(seed * 31 + counter);
        String segment = segment((hash >>> 11) * 0x1.0p-53, (Feistel.mix(hash) >>> 11) * 0x1.0p-53);
        long suffix = suffixes.apply(counter);
        if (segment.equals("134") && suffix >= 90_000_000L) {
            return -1;
        }
        return Long.parseLong(segment) * SUFFIXES + suffix;
    }

    private static String segment(double carrierDraw, double segmentDraw) {
        double total = CARRIER_SHARE[0] + CARRIER_SHARE[1] + CARRIER_SHARE[2];
        double target = carrierDraw * total;
        int carrier = target < CARRIER_SHARE[0] ? 0 : target < CARRIER_SHARE[0] + CARRIER_SHARE[1] ? 1 : 2;
        String[] segments = SEGMENTS[carrier];
        return segments[(int) (segmentDraw * segments.length)];
    }

    /** @return the carrier a number's segment was allocated to */
    static Carrier carrierOf(long number) {
        String segment = Long.toString(number).substring(0, 3);
        for (int i = 0; i < SEGMENTS.length; i++) {
            for (String candidate : SEGMENTS[i]) {
                if (candidate.equals(segment)) {
                    return CARRIERS[i];
                }
            }
        }
        return virtualCarrier(Long.toString(number));
    }

    /** Virtual-operator segments (170x) are hosted by the three carriers by their fourth digit. */
    private static Carrier virtualCarrier(String number) {
        char fourth = number.charAt(3);
        if (number.startsWith("170")) {
            return fourth <= '2' ? Carrier.CTCC : fourth == '3' || fourth == '5' || fourth == '6' ? Carrier.CMCC
                    : Carrier.CUCC;
        }
        return Carrier.CUCC; // 171x, 167x
    }

    /** @return a fresh device id, {@code dev-} and 12 hex digits */
    String device() {
        return String.format("dev-%012x", devices.apply(deviceCount++));
    }

    /** @return the home broadband address of ordinary subscriber {@code index} (unique) */
    String homeIp(int index) {
        return address(HOME[index % HOME.length], homes.apply(index / HOME.length));
    }

    /** @return a fresh home broadband address for a pattern's actor, never an ordinary subscriber's */
    String actorHomeIp() {
        return homeIp((1 << 27) + actorHomes++);
    }

    /** @return one of the carrier's shared mobile (CGNAT) addresses */
    String mobileIp(RandomSource random) {
        int slot = random.nextInt(mobilePool);
        return address(MOBILE[slot % MOBILE.length], mobiles.apply(slot / MOBILE.length));
    }

    /** @return a fresh cloud-hosting or proxy address, never shared with ordinary traffic */
    String cloudIp() {
        long count = cloudCount++;
        return address(CLOUD[(int) (count % CLOUD.length)], clouds.apply(count / CLOUD.length));
    }

    /** @return a fresh campus or office network address, shared by the people behind it */
    String campusIp() {
        int count = campusCount++;
        return address(CAMPUS[count % CAMPUS.length], homes.apply((1L << 24) - 1 - count / CAMPUS.length));
    }

    private static String address(int first, long rest) {
        return first + "." + ((rest >>> 16) & 0xFF) + "." + ((rest >>> 8) & 0xFF) + "." + (rest & 0xFF);
    }
}
