package io.tollgate.generate;

import io.tollgate.charge.BillingType;
import java.util.ArrayList;
import java.util.List;

/**
 * The service providers and their products, and the roles a few of them play in the bad patterns:
 * the small affiliate SPs toll-fraud malware subscribes victims to, the SPs whose renewal jobs bill
 * twice, and the SP that sends renewals from its own server address. Read-only after construction.
 */
final class Catalogue {
    static final int MERCHANTS = 30;
    private static final long[] PER_USE_PRICES = {100, 200, 300, 500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000};
    private static final double[] PER_USE_WEIGHTS = {6, 8, 6, 14, 6, 8, 12, 4, 6, 8, 3, 5};
    private static final long[] SUBSCRIPTION_PRICES = {500, 600, 800, 1000, 1200, 1500, 2000, 2500, 3000};
    private static final double[] SUBSCRIPTION_WEIGHTS = {10, 6, 6, 14, 4, 8, 8, 3, 4};
    private static final BillingType[] BILLING = {BillingType.PER_USE, BillingType.MONTHLY_CALENDAR,
        BillingType.MONTHLY_ROLLING};
    /** Integrations: OTP page first; carrier WAP page first; a game SDK charging by SMS; a mix. */
    private static final double[][] MODE_MIXES = {{78, 14, 8}, {40, 52, 8}, {50, 10, 40}, {70, 18, 12}};
    private static final double[] MODE_MIX_WEIGHTS = {55, 20, 15, 10};

    private final List<Merchant> merchants = new ArrayList<>();
    private final double[] popularity = new double[MERCHANTS];
    private final List<Merchant> affiliates = new ArrayList<>();
    private final List<Merchant> doubleBillers = new ArrayList<>();
    private final Merchant calendarBiller;
    private final Merchant serverRenewer;
    private final List<Product> bigTickets = new ArrayList<>();

    /** @param random the catalogue's own stream */
    Catalogue(RandomSource random) {
        for (int rank = 0; rank < MERCHANTS; rank++) {
            Merchant merchant = new Merchant("M" + (1001 + rank), rank, MODE_MIXES[random.weighted(MODE_MIX_WEIGHTS)]);
            popularity[rank] = 1.0 / Math.pow(rank + 1, 0.8);
            int products = random.between(2, 5);
            for (int i = 0; i < products; i++) {
                BillingType type = BILLING[random.weighted(new double[] {62, 22, 16})];
                addPriced(random, merchant, type);
            }
            if (merchant.products().stream().noneMatch(product -> product.billingType() == BillingType.PER_USE)) {
                addPriced(random, merchant, BillingType.PER_USE);
            }
            merchants.add(merchant);
        }
        merchants.get(3).add(BillingType.PER_USE, 5000, true);
        merchants.get(10).add(BillingType.PER_USE, 5000, true);
        merchants.get(16).add(BillingType.PER_USE, 10000, true);
        // Malware affiliates are small SPs in the long tail that sell WAP subscriptions.
        for (int rank : new int[] {13, 17, 21, 24, 27}) {
            Merchant merchant = merchants.get(rank);
            if (merchant.subscriptions().size() < 2) {
                merchant.add(random.chance(0.5) ? BillingType.MONTHLY_ROLLING : BillingType.MONTHLY_CALENDAR,
                        random.pick(new Long[] {1000L, 1500L, 2000L, 2500L, 3000L}), false);
            }
            affiliates.add(merchant);
        }
        // Two popular SPs whose renewal jobs resend; one of them bills rolling plans on the calendar.
        doubleBillers.add(ensureSubscription(merchants.get(2), BillingType.MONTHLY_CALENDAR));
        doubleBillers.add(ensureSubscription(merchants.get(5), BillingType.MONTHLY_ROLLING));
        calendarBiller = merchants.get(5);
        serverRenewer = ensureSubscription(merchants.get(7), BillingType.MONTHLY_CALENDAR);
        merchants.forEach(merchant -> bigTickets.addAll(merchant.bigTickets()));
    }

    private static void addPriced(RandomSource random, Merchant merchant, BillingType type) {
        if (type == BillingType.PER_USE) {
            merchant.add(type, PER_USE_PRICES[random.weighted(PER_USE_WEIGHTS)], false);
        } else {
            merchant.add(type, SUBSCRIPTION_PRICES[random.weighted(SUBSCRIPTION_WEIGHTS)], false);
        }
    }

    private static Merchant ensureSubscription(Merchant merchant, BillingType type) {
        if (merchant.subscriptions().stream().noneMatch(product -> product.billingType() == type)) {
            merchant.add(type, 1000, false);
        }
        return merchant;
    }

    List<Merchant> merchants() {
        return merchants;
    }

    /** @return a merchant, the popular ones more often */
    Merchant merchant(RandomSource random) {
        return merchants.get(random.weighted(popularity));
    }

    /** @return a merchant of the long tail (rank 8 and below), where weak controls attract abuse */
    Merchant smallMerchant(RandomSource random) {
        return merchants.get(random.between(8, MERCHANTS - 1));
    }

    /** @return the SPs toll-fraud malware subscribes victims to */
    List<Merchant> affiliates() {
        return affiliates;
    }

    /** @return the SPs whose renewal jobs sometimes bill a period twice */
    List<Merchant> doubleBillers() {
        return doubleBillers;
    }

    /** @return the SP whose job renews its rolling (自然天) plans on the first of the month as well */
    Merchant calendarBiller() {
        return calendarBiller;
    }

    /** @return the SP whose renewals carry its billing server's IP address */
    Merchant serverRenewer() {
        return serverRenewer;
    }

    /** @return a 50 or 100 CNY product */
    Product bigTicket(RandomSource random) {
        return random.pick(bigTickets);
    }
}
